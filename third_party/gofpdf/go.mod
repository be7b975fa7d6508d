module github.com/jung-kurt/gofpdf

go 1.21

require github.com/klauspost/compress v1.20.4
