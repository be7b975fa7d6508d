// Package layers holds only a test: it fails the build's tests when an
// import crosses a layer of Ethics Desk (see layers_test.go and the
// README's "Layout").
package layers
