package signing

import "errors"

// Limits on the CMS structure handed to the pkcs7 library. Its BER-to-DER
// conversion recurses once per nesting level, and Go cannot recover from
// the stack overflow a few million levels cause, so nesting is checked
// here first, without recursion. A real signature nests about a dozen deep.
const (
	maxBERDepth    = 32
	maxBERElements = 200000
)

// checkBER walks every element of der (BER or DER) and refuses nesting
// deeper than maxBERDepth, more than maxBERElements elements, and lengths
// that run past their container.
func checkBER(der []byte) error {
	type frame struct {
		end        int // end of the container; -1 for indefinite length
		indefinite bool
	}
	stack := []frame{{end: len(der)}}
	pos, count := 0, 0
	for {
		top := &stack[len(stack)-1]
		// Close finished containers.
		if top.indefinite {
			if pos+1 < len(der) && der[pos] == 0 && der[pos+1] == 0 {
				pos += 2
				stack = stack[:len(stack)-1]
				if len(stack) == 0 {
					return nil
				}
				continue
			}
		} else if pos >= top.end {
			if pos > top.end {
				return errors.New("an element runs past the end of its container")
			}
			if len(stack) == 1 {
				return nil
			}
			stack = stack[:len(stack)-1]
			continue
		}
		if pos >= len(der) {
			return errors.New("the data ends inside an element")
		}
		count++
		if count > maxBERElements {
			return errors.New("it holds far more elements than a signature")
		}
		tag := der[pos]
		i := pos + 1
		if tag&0x1f == 0x1f {
			for n := 0; i < len(der) && der[i]&0x80 != 0; n++ {
				if n > 4 {
					return errors.New("a tag number is too long")
				}
				i++
			}
			i++
		}
		if i >= len(der) {
			return errors.New("the data ends inside an element")
		}
		l := der[i]
		i++
		constructed := tag&0x20 != 0
		switch {
		case l == 0x80:
			if !constructed {
				return errors.New("a primitive element has an indefinite length")
			}
			if len(stack) > maxBERDepth {
				return errors.New("its elements are nested too deeply")
			}
			stack = append(stack, frame{end: -1, indefinite: true})
			pos = i
			continue
		case l < 0x80:
			pos = i + int(l)
		default:
			k := int(l & 0x7f)
			if k > 4 || i+k > len(der) {
				return errors.New("an element's length is malformed")
			}
			n := 0
			for _, c := range der[i : i+k] {
				n = n<<8 | int(c)
			}
			i += k
			pos = i + n
		}
		if pos > len(der) || pos < i {
			return errors.New("an element runs past the end of the data")
		}
		if constructed {
			if len(stack) > maxBERDepth {
				return errors.New("its elements are nested too deeply")
			}
			stack = append(stack, frame{end: pos})
			pos = i
		}
	}
}
