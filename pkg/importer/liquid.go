package importer

import (
	"regexp"
	"strconv"
	"strings"
)

// liquid rewrites the template tags Jekyll (Liquid) and Hexo (Nunjucks
// tag plugins) leave in posts. The scanner is hand-written: no Go Liquid
// engine knows these tags' meaning here, which is to become Markdown or a
// geul shortcode, not to be run. Tags inside {% raw %} stay as text.
type liquid struct {
	// tag handles a tag without an end tag; ok false means "not mine".
	tag func(name, args string, line int) (string, bool)
	// blocks handle tags with an end tag ({% highlight %}…{% endhighlight %});
	// inner is the raw text between them.
	blocks map[string]func(args, inner string, line int) string
	// expr handles {{ … }}.
	expr func(expr string, line int) string
	// unknown is called for a tag nothing handles; it is dropped.
	unknown func(text string, line int)
	// skipCode leaves fenced code blocks and `code spans` alone, as Hexo
	// does; Jekyll runs Liquid everywhere.
	skipCode bool
}

var liquidToken = regexp.MustCompile(`(?s)\{%-?\s*(\w+)(.*?)-?%\}|\{\{-?(.*?)-?\}\}`)

// run rewrites src, whose first line is line first.
func (l *liquid) run(src string, first int) string {
	if l.skipCode {
		masked, code := maskCode(src)
		out := l.runText(masked, first)
		return codeMark.ReplaceAllStringFunc(out, func(m string) string {
			i, _ := strconv.Atoi(codeMark.FindStringSubmatch(m)[1])
			return code[i]
		})
	}
	return l.runText(src, first)
}

// codeMark stands for a masked piece of code: its index, then as many
// newlines as it had, so line numbers stay right.
var codeMark = regexp.MustCompile("\x00(\\d+)\x01\n*\x00")

// maskCode replaces the fenced code blocks and code spans of a Markdown
// text with codeMarks and returns them.
func maskCode(src string) (string, []string) {
	var out strings.Builder
	var code []string
	mark := func(c string) {
		out.WriteString("\x00" + strconv.Itoa(len(code)) + "\x01" + strings.Repeat("\n", strings.Count(c, "\n")) + "\x00")
		code = append(code, c)
	}
	lines := strings.SplitAfter(src, "\n")
	for i := 0; i < len(lines); i++ {
		if m := fenceLine.FindStringSubmatch(lines[i]); m != nil && len(lines[i])-len(strings.TrimLeft(lines[i], " ")) < 4 {
			j := i + 1
			for j < len(lines) && !(strings.HasPrefix(strings.TrimSpace(lines[j]), m[1]) && strings.Trim(strings.TrimSpace(lines[j]), m[1][:1]) == "") {
				j++
			}
			if j == len(lines) {
				j--
			}
			mark(strings.Join(lines[i:j+1], ""))
			i = j
			continue
		}
		maskSpans(lines[i], &out, mark)
	}
	return out.String(), code
}

// maskSpans writes line with its `code spans` masked.
func maskSpans(line string, out *strings.Builder, mark func(string)) {
	for {
		i := strings.IndexByte(line, '`')
		if i < 0 {
			out.WriteString(line)
			return
		}
		n := i
		for n < len(line) && line[n] == '`' {
			n++
		}
		run := line[i:n]
		end := -1
		for k := n; k < len(line); {
			j := strings.Index(line[k:], run)
			if j < 0 {
				break
			}
			j += k
			e := j + len(run)
			if e < len(line) && line[e] == '`' || j > 0 && line[j-1] == '`' {
				for e < len(line) && line[e] == '`' {
					e++
				}
				k = e
				continue
			}
			end = e
			break
		}
		if end < 0 {
			out.WriteString(line[:n])
			line = line[n:]
			continue
		}
		out.WriteString(line[:i])
		mark(line[i:end])
		line = line[end:]
	}
}

// runText rewrites the tags of src.
func (l *liquid) runText(src string, first int) string {
	var b strings.Builder
	pos := 0
	line := first
	advance := func(to int) {
		line += strings.Count(src[pos:to], "\n")
		pos = to
	}
	for {
		loc := liquidToken.FindStringSubmatchIndex(src[pos:])
		if loc == nil {
			b.WriteString(src[pos:])
			return b.String()
		}
		start, end := pos+loc[0], pos+loc[1]
		b.WriteString(src[pos:start])
		advance(start)
		if loc[2] < 0 { // {{ expr }}
			b.WriteString(l.expr(strings.TrimSpace(src[pos+loc[6]-loc[0]:pos+loc[7]-loc[0]]), line))
			advance(end)
			continue
		}
		name := src[pos+loc[2]-loc[0] : pos+loc[3]-loc[0]]
		args := strings.TrimSpace(src[pos+loc[4]-loc[0] : pos+loc[5]-loc[0]])
		tagLine := line
		if name == "raw" || name == "comment" || l.blocks[name] != nil {
			endTag := regexp.MustCompile(`\{%-?\s*end` + name + `\s*-?%\}`)
			m := endTag.FindStringIndex(src[end:])
			if m == nil {
				l.unknown("{% "+name+" %} without {% end"+name+" %}", tagLine)
				advance(end)
				continue
			}
			inner := src[end : end+m[0]]
			switch name {
			case "raw":
				b.WriteString(inner)
			case "comment":
			default:
				b.WriteString(l.blocks[name](args, inner, tagLine))
			}
			advance(end + m[1])
			continue
		}
		if out, ok := l.tag(name, args, tagLine); ok {
			b.WriteString(out)
		} else {
			l.unknown(src[start:end], tagLine)
		}
		advance(end)
	}
}

// tagArgs splits a tag's arguments on spaces, keeping quoted parts whole
// (without their quotes): `a "b c" d=e` → [a, b c, d=e].
func tagArgs(s string) []string {
	var out []string
	var cur strings.Builder
	quote := rune(0)
	inArg := false
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inArg = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inArg {
				out = append(out, cur.String())
				cur.Reset()
				inArg = false
			}
		default:
			cur.WriteRune(r)
			inArg = true
		}
	}
	if inArg {
		out = append(out, cur.String())
	}
	return out
}

// keyArgs reads key=value and key: value pairs of an include or tag.
func keyArgs(args []string) map[string]string {
	kv := map[string]string{}
	for _, a := range args {
		if k, v, ok := strings.Cut(a, "="); ok {
			kv[k] = strings.Trim(v, `"'`)
		} else if k, v, ok := strings.Cut(a, ":"); ok && !strings.Contains(k, "/") {
			kv[k] = strings.Trim(v, `"'`)
		}
	}
	return kv
}

// fence is a fenced code block; the fence is longer than any run of
// backticks in code.
func fence(lang, code string) string {
	code = strings.Trim(code, "\n")
	f := "```"
	for strings.Contains(code, f) {
		f += "`"
	}
	return f + lang + "\n" + code + "\n" + f
}

// rawEmbed matches a YouTube or Vimeo player written as raw HTML in a
// Markdown post, which geul's sanitiser would remove.
var rawEmbed = regexp.MustCompile(`(?is)<iframe\b[^>]*\bsrc=["'](?:https?:)?//(?:www\.)?(youtube(?:-nocookie)?\.com/embed/|youtu\.be/|player\.vimeo\.com/video/)([A-Za-z0-9_-]+)[^"']*["'][^>]*>\s*</iframe>`)

// kakaoEmbed matches a Kakao TV player; geul cannot embed it, so it
// becomes a link to the video.
var kakaoEmbed = regexp.MustCompile(`(?is)<iframe\b[^>]*\bsrc=["'](?:https?:)?//(?:play-)?tv\.kakao\.com/embed/player/cliplink/(\d+)[^"']*["'][^>]*>\s*</iframe>`)

// kakaoVideo is the address of a Kakao TV video from its player's.
func kakaoVideo(src string) string {
	if m := kakaoClip.FindStringSubmatch(src); m != nil {
		return "https://tv.kakao.com/v/" + m[1]
	}
	return ""
}

var kakaoClip = regexp.MustCompile(`kakao\.com/embed/player/cliplink/(\d+)`)

// embedsToShortcodes turns raw YouTube and Vimeo iframes outside code into
// the youtube and vimeo shortcodes, and a Kakao TV player into a link.
func embedsToShortcodes(body string) string {
	if !strings.Contains(body, "<iframe") {
		return body
	}
	masked, code := maskCode(body)
	masked = rawEmbed.ReplaceAllStringFunc(masked, func(m string) string {
		sub := rawEmbed.FindStringSubmatch(m)
		if strings.Contains(sub[1], "vimeo") {
			return "{{< vimeo " + sub[2] + " >}}"
		}
		return "{{< youtube " + sub[2] + " >}}"
	})
	masked = kakaoEmbed.ReplaceAllStringFunc(masked, func(m string) string {
		return "<https://tv.kakao.com/v/" + kakaoEmbed.FindStringSubmatch(m)[1] + ">"
	})
	return codeMark.ReplaceAllStringFunc(masked, func(m string) string {
		i, _ := strconv.Atoi(codeMark.FindStringSubmatch(m)[1])
		return code[i]
	})
}
