package remote

import "net/http"

// BindToConnection lets the tests' hostile client, which speaks the
// protocol by hand, prove a session on its connection as Client does.
func BindToConnection(req *http.Request, token string) *http.Request {
	id, secret, ok := splitToken(token)
	if !ok {
		req.Header.Set(headerSession, token)
		return req
	}
	return bindToConnection(req, id, secret)
}
