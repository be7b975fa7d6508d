package signing

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"ethicsdesk/signing/internal/pdf"
)

// ErrXRefStream is returned by SignPDF for PDFs whose cross-references are a
// compressed stream (PDF 1.5+ files from other tools); the signer extends
// only classic tables such as gofpdf writes. Verify reads both.
var ErrXRefStream = pdf.ErrXRefStream

// SignatureInfo describes one signature to add to a PDF.
type SignatureInfo struct {
	Name        string // signer's name as shown in the signature (defaults to the certificate's name)
	Reason      string // the meaning of the signature, e.g. "Rapporteur — author"
	Location    string
	ContactInfo string
	Time        time.Time // written as /M; the CMS signing-time is the clock at signing
	FieldName   string    // defaults to "Signature<n>"; made unique if taken
	Page        int       // 1-based page carrying the widget; 0 means 1
	Rect        [4]float64
	Font        *AppearanceFont // draws the widget's text when it covers it; nil means Helvetica (Latin-1 only)
	// Certify, when 1, 2 or 3, makes this a certification signature (DocMDP)
	// permitting no change, signing and form filling, or also annotations.
	Certify int
}

// contentsReserve is the room kept for the CMS, in bytes (the hex string is
// twice as long). A P-256 signature with a two-certificate chain needs
// about 2 KB; institutional RSA chains can need several KB more.
const contentsReserve = 16 * 1024

// SignPDF adds a PAdES baseline B-B signature to doc as an incremental
// update, leaving every earlier byte (and so every earlier signature) as it
// was. Signing an already-signed file adds a countersignature.
func SignPDF(doc []byte, id *Identity, info SignatureInfo) ([]byte, error) {
	if id == nil || id.Cert == nil || id.Key == nil {
		return nil, errors.New("no signing key and certificate were given")
	}
	if info.Time.IsZero() {
		info.Time = time.Now()
	}
	if info.Name == "" {
		info.Name = id.Cert.Subject.CommonName
	}
	if info.Page <= 0 {
		info.Page = 1
	}
	d, err := pdf.Open(doc)
	if err != nil {
		return nil, err
	}
	reserve := contentsReserve
	for attempt := 0; attempt < 3; attempt++ {
		out, err := signOnce(d, id, info, reserve)
		var tooSmall errContentsTooSmall
		if errors.As(err, &tooSmall) {
			reserve = int(tooSmall) + 4096
			continue
		}
		return out, err
	}
	return nil, errors.New("the signature is too large to embed")
}

type errContentsTooSmall int

func (e errContentsTooSmall) Error() string { return "signature larger than reserved space" }

func signOnce(d *pdf.Document, id *Identity, info SignatureInfo, reserve int) ([]byte, error) {
	file, contentsStart, contentsEnd, err := withPlaceholder(d, info, reserve)
	if err != nil {
		return nil, err
	}
	signed := make([]byte, 0, len(file)-(contentsEnd-contentsStart))
	signed = append(signed, file[:contentsStart]...)
	signed = append(signed, file[contentsEnd:]...)
	cms, err := detachedCMS(signed, id)
	if err != nil {
		return nil, err
	}
	if len(cms) > reserve {
		return nil, errContentsTooSmall(len(cms))
	}
	hex.Encode(file[contentsStart+1:], cms)
	return file, nil
}

// withPlaceholder appends the incremental update that adds the signature
// field and its dictionary, with /ByteRange filled in and /Contents a
// hex string of 2*reserve zeros between contentsStart and contentsEnd
// (the angle brackets included).
func withPlaceholder(d *pdf.Document, info SignatureInfo, reserve int) (file []byte, contentsStart, contentsEnd int, err error) {
	catRef, cat, err := d.Catalog()
	if err != nil {
		return nil, 0, 0, err
	}
	pageRef, page, err := d.Page(info.Page)
	if err != nil {
		return nil, 0, 0, err
	}
	u := d.NewUpdate()

	// AcroForm: keep what is there (earlier signature fields, /DR, /DA) and
	// append the new field.
	acro := pdf.NewDict()
	acroRef, acroIsRef := cat.Get("AcroForm").(pdf.Ref)
	if existing := cat.Get("AcroForm"); existing != nil {
		if ad, err := d.ResolveDict(existing); err == nil {
			acro = ad.Copy()
		}
	}
	if !acroIsRef {
		acroRef = u.Reserve()
	}
	var fields pdf.Array
	if f, err := d.Resolve(acro.Get("Fields")); err == nil {
		if arr, ok := f.(pdf.Array); ok {
			fields = append(fields, arr...)
		}
	}
	fieldName := uniqueFieldName(d, fields, info.FieldName)

	sigRef := u.Reserve()
	fieldRef := u.Reserve()

	field := pdf.NewDict()
	field.Set("Type", pdf.Name("Annot"))
	field.Set("Subtype", pdf.Name("Widget"))
	field.Set("FT", pdf.Name("Sig"))
	field.Set("T", pdf.TextString(fieldName))
	field.Set("V", sigRef)
	field.Set("P", pageRef)
	field.Set("F", pdf.Integer(132)) // Print + Locked
	rect := pdf.Array{}
	for _, v := range info.Rect {
		rect = append(rect, pdf.Real(strconv.FormatFloat(v, 'f', -1, 64)))
	}
	field.Set("Rect", rect)
	apRef := u.Reserve()
	field.Set("AP", dictOf("N", apRef))
	u.Set(apRef, appearance(info, u))
	u.Set(fieldRef, field)

	newPage := page.Copy()
	var annots pdf.Array
	if a, err := d.Resolve(page.Get("Annots")); err == nil {
		if arr, ok := a.(pdf.Array); ok {
			annots = append(annots, arr...)
		}
	}
	newPage.Set("Annots", append(annots, fieldRef))
	u.Set(pageRef, newPage)

	acro.Set("Fields", append(fields, fieldRef))
	acro.Set("SigFlags", pdf.Integer(3)) // SignaturesExist + AppendOnly
	u.Set(acroRef, acro)

	newCat := cat.Copy()
	newCat.Set("AcroForm", acroRef)
	if info.Certify > 0 {
		newCat.Set("Perms", dictOf("DocMDP", sigRef))
	}
	u.Set(catRef, newCat)

	u.Set(sigRef, sigDictPlaceholder(info, reserve))

	var extra *pdf.Dict
	if d.Trailer.Get("ID") == nil {
		idBytes := make([]byte, 16)
		if _, err := rand.Read(idBytes); err != nil {
			return nil, 0, 0, err
		}
		s := pdf.String{Bytes: idBytes, Hex: true}
		extra = dictOf("ID", pdf.Array{s, s})
	}
	w := u.Bytes(extra)
	file = w.File

	// Locate the placeholders inside the signature object and fill them.
	sigAt := w.Offsets[sigRef.Num]
	cOpen := bytes.Index(file[sigAt:], []byte("/Contents <"))
	brOpen := bytes.Index(file[sigAt:], []byte("/ByteRange ["))
	if cOpen < 0 || brOpen < 0 {
		return nil, 0, 0, errors.New("internal error: signature placeholders not found")
	}
	contentsStart = sigAt + cOpen + len("/Contents ")
	contentsEnd = contentsStart + 2*reserve + 2
	brStart := sigAt + brOpen + len("/ByteRange ")
	br := fmt.Sprintf("[0 %d %d %d]", contentsStart, contentsEnd, len(file)-contentsEnd)
	if len(br) > len(byteRangePlaceholder) {
		return nil, 0, 0, errors.New("the document is too large to sign")
	}
	copy(file[brStart:], br+string(bytes.Repeat([]byte(" "), len(byteRangePlaceholder)-len(br))))
	return file, contentsStart, contentsEnd, nil
}

// byteRangePlaceholder is wide enough for four offsets of files up to ~10 GB.
var byteRangePlaceholder = "[0 0000000000 0000000000 0000000000]"

func sigDictPlaceholder(info SignatureInfo, reserve int) pdf.Raw {
	var b bytes.Buffer
	b.WriteString("<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n/ByteRange ")
	b.WriteString(byteRangePlaceholder)
	b.WriteString("\n/Contents <")
	b.Write(bytes.Repeat([]byte("0"), 2*reserve))
	b.WriteString(">\n/M ")
	pdf.Write(&b, pdf.TextString(pdfDate(info.Time)))
	if info.Certify >= 1 && info.Certify <= 3 {
		fmt.Fprintf(&b, "\n/Reference [<</Type /SigRef /TransformMethod /DocMDP /TransformParams <</Type /TransformParams /P %d /V /1.2>>>>]", info.Certify)
	}
	for _, kv := range []struct {
		k pdf.Name
		v string
	}{{"Name", info.Name}, {"Reason", info.Reason}, {"Location", info.Location}, {"ContactInfo", info.ContactInfo}} {
		if kv.v != "" {
			b.WriteString(" ")
			pdf.Write(&b, kv.k)
			b.WriteString(" ")
			pdf.Write(&b, pdf.TextString(kv.v))
		}
	}
	b.WriteString(">>")
	return pdf.Raw(b.Bytes())
}

func dictOf(kv ...interface{}) *pdf.Dict {
	d := pdf.NewDict()
	for i := 0; i+1 < len(kv); i += 2 {
		d.Set(pdf.Name(kv[i].(string)), kv[i+1])
	}
	return d
}

// uniqueFieldName picks want (or "Signature<n>") and adds a number if an
// existing field already has that name: two fields with one name would be
// one field to a PDF reader.
func uniqueFieldName(d *pdf.Document, fields pdf.Array, want string) string {
	taken := map[string]bool{}
	for i, f := range fields {
		if i > 1000 {
			break
		}
		if fd, err := d.ResolveDict(f); err == nil {
			if s, ok := fd.Get("T").(pdf.String); ok {
				taken[pdf.DecodeText(s.Bytes)] = true
			}
		}
	}
	base := want
	if base == "" {
		base = "Signature"
		for n := len(fields) + 1; ; n++ {
			if name := base + strconv.Itoa(n); !taken[name] {
				return name
			}
		}
	}
	if !taken[base] {
		return base
	}
	for n := 2; ; n++ {
		if name := fmt.Sprintf("%s %d", base, n); !taken[name] {
			return name
		}
	}
}
