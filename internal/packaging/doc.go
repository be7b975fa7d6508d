// Package packaging holds the tests of the packages `make release`
// builds, run by their own targets because each needs a release build
// (minutes on two cores): `make package-test` (tag packagetest) unpacks
// the Linux tarball, validates its .desktop entry and installs it;
// `make windows-test` (tag windowstest) runs the Windows build under Wine
// and compares it with the Linux build. wine/ holds the one DLL Debian's
// Wine lacks for Go programs.
package packaging
