package corpus

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The posts' dates fall in this span, fixed so that no post is ever in
// the future (geul leaves future posts out) and the corpus never changes.
var (
	kst       = time.FixedZone("KST", 9*60*60)
	firstDate = time.Date(2016, 3, 1, 0, 0, 0, 0, kst)
	lastDate  = time.Date(2025, 5, 31, 23, 59, 0, 0, kst)
)

// meta is a post's front matter.
type meta struct {
	title       string
	date        time.Time
	lastmod     time.Time // zero for most posts
	category    string
	tags        []string
	description string
}

// Post returns the bytes of post i (0-based) of every corpus: TOML front
// matter and a Markdown body. It depends only on i.
func Post(i int) []byte {
	r := postRNG(i)
	m := postMeta(r)
	var b strings.Builder
	b.Grow(8 << 10)
	writeFrontMatter(&b, m)
	writeBody(&b, r, m)
	return []byte(b.String())
}

func postMeta(r *rng) meta {
	span := int(lastDate.Sub(firstDate) / time.Minute)
	m := meta{
		date:     firstDate.Add(time.Duration(r.intn(span)) * time.Minute),
		category: oneOf(r, categories),
		tags:     distinct(r, tags, r.rangeIn(2, 4)),
	}
	m.title = title(r, m.category, m.date)
	if r.percent(20) {
		m.lastmod = m.date.Add(time.Duration(r.rangeIn(60, 60*24*90)) * time.Minute)
	}
	if r.percent(25) {
		m.description = fmt.Sprintf("%s %s %s 이야기.", oneOf(r, whens), oneOf(r, objects).obj(), oneOf(r, verbs))
	}
	return m
}

func title(r *rng, category string, d time.Time) string {
	o := oneOf(r, objects)
	switch category {
	case "회고":
		if r.percent(60) {
			return fmt.Sprintf("[%d년 %d월 회고] %s", d.Year()%100, d.Month(),
				oneOf(r, []string{"힘들었고, 즐거웠고, 많이 성장했다.", "조용하지만 단단했던 한 달",
					"바쁘다는 핑계", "다시 기본으로", "쉼표가 필요했던 달"}))
		}
		_, week := d.ISOWeek()
		return fmt.Sprintf("[%d년 %d주차] %s %s", d.Year()%100, week, o.subj(), oneOf(r, states))
	case "개발", "인프라":
		t := oneOf(r, techs)
		switch r.intn(4) {
		case 0:
			return fmt.Sprintf("%s 이용해서 %s 개선하기", t.obj(), o.text)
		case 1:
			return fmt.Sprintf("%s에서 %s 다루기 %s", t.text, o.text, oneOf(r, emojis))
		case 2:
			return fmt.Sprintf("%s 장애 대응기 — %s 편", o.text, t.text)
		default:
			return fmt.Sprintf("Moving our %s to %s", oneOf(r, enThings), t.text)
		}
	case "여행":
		p := oneOf(r, places)
		if r.percent(50) {
			return fmt.Sprintf("%s 여행 %d일차 ✈️", p.text, r.rangeIn(1, 7))
		}
		return fmt.Sprintf("%s에서 보낸 %d일", p.text, r.rangeIn(2, 10))
	case "독서":
		book := oneOf(r, books)
		return ko(book).with("『"+book+"』").obj() + " 읽고"
	case "운동":
		return fmt.Sprintf("러닝 %dkm 🏃‍♂️ — %s", r.rangeIn(3, 42), oneOf(r, states))
	case "생각":
		return fmt.Sprintf("요즘 %s에 대해 드는 생각", o.text)
	default:
		return fmt.Sprintf("%s %s 이야기", oneOf(r, whens), o.text)
	}
}

func writeFrontMatter(b *strings.Builder, m meta) {
	b.WriteString("+++\n")
	fmt.Fprintf(b, "title = %s\n", tomlString(m.title))
	fmt.Fprintf(b, "date = %s\n", m.date.Format(time.RFC3339))
	if !m.lastmod.IsZero() {
		fmt.Fprintf(b, "lastmod = %s\n", m.lastmod.Format(time.RFC3339))
	}
	fmt.Fprintf(b, "categories = [%s]\n", tomlString(m.category))
	quoted := make([]string, len(m.tags))
	for i, t := range m.tags {
		quoted[i] = tomlString(t)
	}
	fmt.Fprintf(b, "tags = [%s]\n", strings.Join(quoted, ", "))
	if m.description != "" {
		fmt.Fprintf(b, "description = %s\n", tomlString(m.description))
	}
	b.WriteString("+++\n")
}

// tomlString quotes s as a TOML basic string. strconv.Quote is not used:
// it writes \x escapes, which TOML does not have, and escapes the ZWJ
// inside emoji that TOML can hold as it is.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// writeBody writes the Markdown: an introduction, <!--more--> in half the
// posts, 3–6 sections with emoji headings, and a closing line. About 60 %
// of posts have code blocks and 20 % a table.
func writeBody(b *strings.Builder, r *rng, m meta) {
	sections := r.rangeIn(3, 6)
	heads := distinct(r, headings, sections)
	codeIn := map[int]int{} // section → code blocks in it
	if r.percent(60) {
		for range r.rangeIn(1, 3) {
			codeIn[r.intn(sections)]++
		}
	}
	tableIn := -1
	if r.percent(20) {
		tableIn = r.intn(sections)
	}
	linkIn := r.intn(sections)

	var blocks []string
	for range r.rangeIn(1, 2) {
		blocks = append(blocks, paragraph(r))
	}
	if r.percent(50) {
		blocks = append(blocks, "<!--more-->")
	}
	for s, h := range heads {
		blocks = append(blocks, heading(r, "##", h))
		for p := range r.rangeIn(1, 4) {
			text := paragraph(r)
			if s == linkIn && p == 0 {
				l := oneOf(r, links)
				text += fmt.Sprintf(" 자세한 내용은 [%s](%s)에 정리해 두었다.", l.text, l.url)
			}
			blocks = append(blocks, text)
			if p > 0 {
				continue
			}
			if r.percent(40) {
				blocks = append(blocks, list(r))
			}
			if s == tableIn {
				blocks = append(blocks, table(r))
			}
			for range codeIn[s] {
				blocks = append(blocks, codeBlock(r))
			}
			if r.percent(15) {
				blocks = append(blocks, heading(r, "###", oneOf(r, objects).text), paragraph(r))
			}
			if r.percent(10) {
				blocks = append(blocks, "> "+oneOf(r, quotes)+". — "+oneOf(r, subjects).text)
			}
		}
	}
	blocks = append(blocks, oneOf(r, asides))
	b.WriteString(strings.Join(blocks, "\n\n"))
	b.WriteByte('\n')
}

// heading writes "## [서버 장애 🧯]", "## 서버 장애 🧯" or "## 🧯 서버 장애".
func heading(r *rng, marks, text string) string {
	e := oneOf(r, emojis)
	switch r.intn(4) {
	case 0, 1:
		return marks + " [" + text + " " + e + "]"
	case 2:
		return marks + " " + text + " " + e
	default:
		return marks + " " + e + " " + text
	}
}

func paragraph(r *rng) string {
	n := r.rangeIn(3, 6)
	ss := make([]string, n)
	for i := range ss {
		ss[i] = sentence(r)
	}
	// Half the paragraphs are wrapped as a writer's editor would wrap them.
	if r.percent(50) {
		return strings.Join(ss, "\n")
	}
	return strings.Join(ss, " ")
}

// emphasize sometimes wraps w in bold or italics.
func emphasize(r *rng, w word) word {
	switch n := r.intn(100); {
	case n < 7:
		return w.with("**" + w.text + "**")
	case n < 11:
		return w.with("*" + w.text + "*")
	}
	return w
}

// tech returns a technology's name, now and then as inline code.
func tech(r *rng) word {
	t := oneOf(r, techs)
	if r.percent(15) {
		return t.with("`" + t.text + "`")
	}
	return t
}

func sentence(r *rng) string {
	o := emphasize(r, oneOf(r, objects))
	switch r.intn(13) {
	case 0, 1:
		return fmt.Sprintf("%s %s %s %s.", oneOf(r, whens), oneOf(r, subjects).topic(), o.obj(), oneOf(r, verbs))
	case 2:
		return fmt.Sprintf("%s %s.", o.subj(), oneOf(r, states))
	case 3:
		return fmt.Sprintf("%s %s 같이 %s %s.", oneOf(r, connectors), oneOf(r, subjects).and(), o.obj(), oneOf(r, verbs))
	case 4:
		return fmt.Sprintf("%s 쓰면서 %s %s.", tech(r).obj(), o.obj(), oneOf(r, verbs))
	case 5:
		return fmt.Sprintf("%s %s.", o.topic(), oneOf(r, lessons))
	case 6:
		return oneOf(r, asides)
	case 7:
		return fmt.Sprintf("%s %s에서 %s %s.", oneOf(r, whens), oneOf(r, places).text, o.obj(), oneOf(r, verbs))
	case 8:
		return fmt.Sprintf("처음에는 %s 문제라고 생각했는데, 알고 보니 %s 원인이었다.", tech(r).subj(), o.subj())
	case 9:
		return fmt.Sprintf("%d월 %d일 오전 %d시 %d분쯤 %s 터졌고, %s 복구하느라 진땀을 뺐다. 🧯",
			r.rangeIn(1, 12), r.rangeIn(1, 28), r.rangeIn(6, 11), r.rangeIn(0, 5)*10, ko("장애").subj(), tech(r).obj())
	case 10:
		return fmt.Sprintf("%s \"%s\"라고 말해 줬다.", oneOf(r, subjects).subj(), oneOf(r, quotes))
	case 11:
		return fmt.Sprintf("%s %s %d.%d 버전으로 올리면서 %s 함께 %s.", oneOf(r, connectors), tech(r).obj(),
			r.rangeIn(1, 9), r.rangeIn(0, 30), o.obj(), oneOf(r, verbs))
	default:
		return fmt.Sprintf("%s %s %s.", oneOf(r, enSubjects), oneOf(r, enPredicates), oneOf(r, enTails))
	}
}

// list writes a bullet, numbered or task list, sometimes with a nested item.
func list(r *rng) string {
	n := r.rangeIn(3, 6)
	kind := r.intn(10) // 0–5 bullets, 6–8 numbers, 9 tasks
	var b strings.Builder
	for i := range n {
		item := oneOf(r, objects).text + " " + oneOf(r, todo)
		if r.percent(25) {
			item = tech(r).text + " — " + item
		}
		switch {
		case kind <= 5:
			b.WriteString("- " + item + "\n")
		case kind <= 8:
			b.WriteString(strconv.Itoa(i+1) + ". " + item + "\n")
		default:
			box := " "
			if r.percent(50) {
				box = "x"
			}
			b.WriteString("- [" + box + "] " + item + "\n")
		}
		if kind <= 5 && r.percent(15) {
			b.WriteString("  - " + oneOf(r, states) + " " + oneOf(r, emojis) + "\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// table writes a GFM table with aligned columns.
func table(r *rng) string {
	var b strings.Builder
	if r.percent(50) {
		b.WriteString("| 항목 | 이전 | 이후 | 메모 |\n| --- | ---: | ---: | --- |\n")
		for range r.rangeIn(3, 7) {
			fmt.Fprintf(&b, "| %s | %d | %d | %s |\n", oneOf(r, objects).text, r.rangeIn(10, 990), r.rangeIn(1, 500), oneOf(r, states))
		}
	} else {
		b.WriteString("| 날짜 | 한 일 | 걸린 시간 |\n| :---: | --- | ---: |\n")
		for range r.rangeIn(3, 7) {
			fmt.Fprintf(&b, "| %d/%d | %s %s | %d시간 |\n", r.rangeIn(1, 12), r.rangeIn(1, 28), tech(r).text, oneOf(r, todo), r.rangeIn(1, 40))
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}
