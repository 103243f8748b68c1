package importer

import (
	"html"
	"regexp"
	"strings"
)

var (
	kdOptions   = regexp.MustCompile(`\{::options[^}]*/\}\n?`)
	kdComment   = regexp.MustCompile(`(?s)\{::comment\}.*?\{:/(?:comment)?\}\n?`)
	kdNoMD      = regexp.MustCompile(`(?s)\{::nomarkdown\}(.*?)\{:/(?:nomarkdown)?\}`)
	kdTOC       = regexp.MustCompile(`^\s*\{:\s*\.?toc\s*\}\s*$`)
	kdBlockIAL  = regexp.MustCompile(`^\s*(?:>\s*)*\{:\s*([^}]*)\}\s*$`)
	kdCaption   = regexp.MustCompile(`^_([^_].*?)_\s*$`)
	kdListItem  = regexp.MustCompile(`^\s*(?:[*+-]|\d+\.)\s+\S`)
	kdImageLine = regexp.MustCompile(`^\s*!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"([^"]*)")?\s*\)\s*(?:\{:\s*([^}]*)\})?\s*$`)
	kdInlineImg = regexp.MustCompile(`!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)\{:\s*([^}]*)\}`)
	kdSpanIAL   = regexp.MustCompile(`(\S)\{:\s*([^}]*)\}`)
	kdHeading   = regexp.MustCompile(`^(#{1,6}\s.*?)\s*\{:\s*([^}]*)\}\s*$`)
	fenceLine   = regexp.MustCompile("^\\s*(```+|~~~+)")
)

// ial is a kramdown attribute list: {: #id .class width="450"}.
type ial struct {
	id      string
	classes []string
	attrs   [][2]string // in order
}

func parseIAL(s string) ial {
	var a ial
	for _, t := range tagArgs(s) {
		switch {
		case strings.HasPrefix(t, "#"):
			a.id = t[1:]
		case strings.HasPrefix(t, "."):
			a.classes = append(a.classes, t[1:])
		case strings.Contains(t, "="):
			k, v, _ := strings.Cut(t, "=")
			a.attrs = append(a.attrs, [2]string{k, strings.Trim(v, `"'`)})
		}
	}
	return a
}

// figureAttrs are the attributes the figure shortcode takes from an IAL.
func (a ial) figureAttrs() (extra [][2]string, dropped []string) {
	for _, kv := range a.attrs {
		switch kv[0] {
		case "width", "height", "title", "link":
			extra = append(extra, kv)
		case "w", "h": // Chirpy's short names
			extra = append(extra, [2]string{map[string]string{"w": "width", "h": "height"}[kv[0]], kv[1]})
		default:
			dropped = append(dropped, kv[0])
		}
	}
	if len(a.classes) > 0 {
		extra = append(extra, [2]string{"class", strings.Join(a.classes, " ")})
	}
	return extra, dropped
}

// kramdown rewrites kramdown's own syntax in a Jekyll post's body: images
// with attribute lists become the figure shortcode, an id on a heading
// goldmark's {#id}, {:toc} (and its "* TOC" line) goes, as the theme makes
// the table of contents, {::options} and {::comment} go, and any other
// attribute list is dropped with a warning. Code blocks are left alone.
func kramdown(body string, first int, p *post, warn func(line int, format string, args ...any)) string {
	body = kdOptions.ReplaceAllString(body, "")
	body = kdComment.ReplaceAllString(body, "")
	body = kdNoMD.ReplaceAllStringFunc(body, func(m string) string {
		return kdNoMD.FindStringSubmatch(m)[1]
	})
	lines := strings.Split(body, "\n")
	out := make([]string, 0, len(lines))
	inFence := ""
	// Attribute lists geul cannot keep are told once a post: blogs put
	// {:target="_blank"} on every link and Chirpy {: .prompt-tip } on
	// every note.
	spans, spanLine, spanFirst := 0, 0, ""
	drop := func(line int, ial string) {
		if spans == 0 {
			spanLine, spanFirst = line, strings.TrimSpace(ial)
		}
		spans++
	}
	for i, ln := range lines {
		line := first + i
		if m := fenceLine.FindStringSubmatch(ln); m != nil {
			switch {
			case inFence == "":
				inFence = m[1][:3]
			case strings.HasPrefix(strings.TrimSpace(ln), inFence) && strings.TrimSpace(strings.Trim(ln, "`~ \t")) == "":
				inFence = ""
			}
			out = append(out, ln)
			continue
		}
		if inFence != "" {
			out = append(out, ln)
			continue
		}
		prev := len(out) - 1
		switch {
		case kdTOC.MatchString(ln):
			if prev >= 0 && kdListItem.MatchString(out[prev]) {
				out = out[:prev]
			}
			continue
		case kdBlockIAL.MatchString(ln):
			a := parseIAL(kdBlockIAL.FindStringSubmatch(ln)[1])
			switch {
			case prev >= 0 && kdImageLine.MatchString(out[prev]):
				m := kdImageLine.FindStringSubmatch(out[prev])
				out[prev] = imageFigure(m[1], m[2], m[3], a, line, warn)
			case prev >= 0 && strings.HasPrefix(out[prev], "{{< figure ") && strings.HasSuffix(out[prev], " >}}"):
				// Chirpy: image, caption line, then the list for both.
				extra, dropped := a.figureAttrs()
				if len(dropped) > 0 {
					warn(line, "image attributes %s dropped: the figure shortcode has no such parameters", strings.Join(dropped, ", "))
				}
				fig := strings.TrimSuffix(out[prev], " >}}")
				for _, kv := range extra {
					fig += " " + kv[0] + "=" + shortcodeQuote(kv[1])
				}
				out[prev] = fig + " >}}"
			case prev >= 0 && strings.HasPrefix(out[prev], "#") && a.id != "":
				out[prev] += " {#" + a.id + "}"
				if len(a.classes)+len(a.attrs) > 0 {
					drop(line, "{: "+strings.TrimSpace(kdBlockIAL.FindStringSubmatch(ln)[1])+" }")
				}
			default:
				drop(line, "{: "+strings.TrimSpace(kdBlockIAL.FindStringSubmatch(ln)[1])+" }")
			}
			continue
		case kdCaption.MatchString(ln) && prev >= 0 && (kdImageLine.MatchString(out[prev]) || strings.HasPrefix(out[prev], "{{< figure ") && !strings.Contains(out[prev], " caption=")):
			// Chirpy: an italic line right under an image is its caption.
			caption := kdCaption.FindStringSubmatch(ln)[1]
			if m := kdImageLine.FindStringSubmatch(out[prev]); m != nil {
				out[prev] = imageFigure(m[1], m[2], m[3], parseIAL(m[4]), line, warn)
			}
			out[prev] = strings.TrimSuffix(out[prev], " >}}") + " caption=" + shortcodeQuote(caption) + " >}}"
			continue
		}
		if m := kdImageLine.FindStringSubmatch(ln); m != nil && m[4] != "" {
			out = append(out, imageFigure(m[1], m[2], m[3], parseIAL(m[4]), line, warn))
			continue
		}
		if m := kdHeading.FindStringSubmatch(ln); m != nil {
			a := parseIAL(m[2])
			ln = m[1]
			if a.id != "" {
				ln += " {#" + a.id + "}"
			}
			if len(a.classes)+len(a.attrs) > 0 {
				drop(line, "{: "+strings.TrimSpace(m[2])+" }")
			}
		}
		ln = kdInlineImg.ReplaceAllStringFunc(ln, func(s string) string {
			m := kdInlineImg.FindStringSubmatch(s)
			a := parseIAL(m[3])
			var b strings.Builder
			b.WriteString(`<img src="` + html.EscapeString(m[2]) + `" alt="` + html.EscapeString(m[1]) + `"`)
			for _, kv := range a.attrs {
				if kv[0] == "width" || kv[0] == "height" {
					b.WriteString(" " + kv[0] + `="` + html.EscapeString(kv[1]) + `"`)
				}
			}
			if len(a.classes) > 0 {
				b.WriteString(` class="` + html.EscapeString(strings.Join(a.classes, " ")) + `"`)
			}
			b.WriteString(">")
			return b.String()
		})
		for _, m := range kdSpanIAL.FindAllStringSubmatch(ln, -1) {
			drop(line, "{: "+strings.TrimSpace(m[2])+" }")
		}
		ln = kdSpanIAL.ReplaceAllString(ln, "$1")
		out = append(out, ln)
	}
	if spans > 0 {
		// One word for all of a post's: blogs put {:target="_blank"} on every link.
		warn(spanLine, "%d kramdown %s dropped (the first: %s): geul's Markdown has no attribute lists; style it in the theme", spans, plural(spans, "attribute list", "attribute lists"), spanFirst)
	}
	return strings.Join(out, "\n")
}

func imageFigure(alt, src, title string, a ial, line int, warn func(int, string, ...any)) string {
	extra, dropped := a.figureAttrs()
	if title != "" {
		extra = append([][2]string{{"title", title}}, extra...)
	}
	if len(dropped) > 0 {
		warn(line, "image attributes %s dropped: the figure shortcode has no such parameters", strings.Join(dropped, ", "))
	}
	return figureShortcode(src, alt, "", extra)
}
