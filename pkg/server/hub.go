package server

import (
	"encoding/json"
	"sync"
)

// event is one Server-Sent Event for the browsers.
type event struct {
	name string // "hello", "reload", "css", "navigate" or "error"
	data []byte // JSON of an eventData
}

// eventData is what every event carries. Gen names the build the browser
// should show after it; a page knows the Gen it was served from.
type eventData struct {
	Gen    string    `json:"gen"`
	URL    string    `json:"url,omitempty"`    // navigate: the edited page
	Paths  []string  `json:"paths,omitempty"`  // css: the stylesheets that changed
	Errors []problem `json:"errors,omitempty"` // error: what is wrong
}

// problem is one diag.Error as the overlay shows it.
type problem struct {
	Text string `json:"text"` // "path:line:col: message; hint"
	Path string `json:"path,omitempty"`
	Line int    `json:"line,omitempty"`
	Msg  string `json:"msg"`
	Hint string `json:"hint,omitempty"`
}

func dataEvent(name string, d eventData) event {
	b, err := json.Marshal(d)
	if err != nil {
		panic(err) // eventData always marshals
	}
	return event{name: name, data: b}
}

func errorData(st *state) eventData {
	d := eventData{Gen: st.gen, Errors: []problem{}}
	for _, e := range st.errs {
		d.Errors = append(d.Errors, problem{Text: e.Error(), Path: e.Path, Line: e.Line, Msg: e.Msg, Hint: e.Hint})
	}
	return d
}

func errorEvent(st *state) event { return dataEvent("error", errorData(st)) }

// hub hands events to the connected browsers. It belongs to one Server.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]struct{}
	done    chan struct{} // closed by close: streams end
	closed  bool
}

// clientBuffer is how many events a browser may fall behind by. One that
// falls further is disconnected; it reconnects and catches up from the
// "hello" event, which names the current build.
const clientBuffer = 16

func newHub() *hub {
	return &hub{clients: map[chan event]struct{}{}, done: make(chan struct{})}
}

// subscribe returns a channel of events (closed when the client is dropped)
// and a function to leave.
func (h *hub) subscribe() (<-chan event, func()) {
	ch := make(chan event, clientBuffer)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		close(ch)
		return ch, func() {}
	}
	h.clients[ch] = struct{}{}
	return ch, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if _, ok := h.clients[ch]; ok {
			delete(h.clients, ch)
			close(ch)
		}
	}
}

// broadcast sends e to every client without waiting for any.
func (h *hub) broadcast(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.clients {
		select {
		case ch <- e:
		default:
			delete(h.clients, ch)
			close(ch)
		}
	}
}

// count returns the number of connected clients.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// close disconnects every client and refuses new ones.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.closed = true
	close(h.done)
	for ch := range h.clients {
		delete(h.clients, ch)
		close(ch)
	}
}
