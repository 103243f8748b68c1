package theme

import (
	"html/template"
	"time"

	"github.com/geul-blog/geul/pkg/config"
	"github.com/geul-blog/geul/pkg/content"
)

// fixture is a small hand-built Korean blog: three posts with Hangul,
// emoji (ZWJ sequences, variation selectors) and mixed scripts, an about
// page, two categories and some tags.
type fixture struct {
	site  *content.Site
	posts []*content.Page // newest first
	about *content.Page
	cats  *content.Taxonomy
	tags  *content.Taxonomy
}

func newFixture() *fixture {
	seoul := time.FixedZone("KST", 9*60*60)
	base := "https://example.org/blog/"
	post := func(slug, title string, date time.Time, cats, tags []string) *content.Page {
		url := "/blog/posts/" + slug + "/"
		return &content.Page{
			Path: "posts/" + slug + ".md", Section: "posts", Kind: content.KindPost,
			Title: title, Date: date, Categories: cats, Tags: tags, Slug: slug,
			URL: url, Permalink: "https://example.org" + url,
		}
	}
	run := post("달리기-시작", "달리기를 시작했다 🏃‍♂️", time.Date(2023, 6, 12, 21, 5, 0, 0, seoul), []string{"일상"}, []string{"운동"})
	retro := post("5월-회고", "[5월 회고] 바빴고, 즐거웠고, 조금 자랐다.", time.Date(2023, 5, 31, 23, 30, 0, 0, seoul), []string{"생각"}, []string{"회고", "AWS"})
	outage := post("장애-기록", "새벽의 DB 장애 🧯 기록", time.Date(2023, 4, 3, 9, 0, 0, 0, seoul), []string{"생각"}, []string{"AWS"})
	retro.Lastmod = time.Date(2023, 6, 2, 10, 0, 0, 0, seoul)
	retro.Description = "한 달 동안 있었던 일: 모임의 끝, 워크숍, 인프라 이전과 장애, 그리고 쉼 ⏸️."
	retro.CoverURL = "/blog/posts/5월-회고/cover.png"
	retroContent := template.HTML(`<p>이번 달은 주간 회고 대신 월간 회고로 갈음한다. 😄</p>
<h2 id="모임이-끝났다-📕">[모임이 끝났다 📕]<a class="anchor" href="#모임이-끝났다-📕" aria-label="링크">#</a></h2>
<p>두 번뿐이었지만 새로운 사람들을 만났다. 👍👍👍</p>
<h2 id="terraform으로-옮기기-🖥️">[Terraform으로 옮기기 🖥️]<a class="anchor" href="#terraform으로-옮기기-🖥️" aria-label="링크">#</a></h2>
<pre tabindex="0" class="chroma" data-lang="hcl"><code><span class="line"><span class="cl"><span class="kr">resource</span> <span class="s">"aws_db_instance"</span> <span class="s">"main"</span> {}</span></span></code></pre>
<h2 id="쉼-⏸️">[쉼 ⏸️]<a class="anchor" href="#쉼-⏸️" aria-label="링크">#</a></h2>
<p>RDS, EKS, CoreDNS와 씨름한 뒤에는 쉬어야 한다.</p>`)
	retroTOC := template.HTML(`<ul>
<li><a href="#모임이-끝났다-📕">[모임이 끝났다 📕]</a></li>
<li><a href="#terraform으로-옮기기-🖥️">[Terraform으로 옮기기 🖥️]</a></li>
<li><a href="#쉼-⏸️">[쉼 ⏸️]</a></li>
</ul>`)
	retro.SetRendered(&content.Rendered{Content: retroContent, TableOfContents: retroTOC,
		Summary: template.HTML(`<p>이번 달은 주간 회고 대신 월간 회고로 갈음한다. 😄</p>`), WordCount: 420, ReadingTime: 3})
	run.SetRendered(&content.Rendered{Summary: template.HTML(`<p>5 km를 30분 안에 🏃‍♂️</p>`),
		Content: template.HTML(`<p>5 km를 30분 안에 🏃‍♂️</p>`), WordCount: 420, ReadingTime: 3})
	outage.SetRendered(&content.Rendered{Summary: template.HTML(`<p>RDS 스냅샷 복원 뒤 예열이 필요했다.</p>`), WordCount: 420, ReadingTime: 3})

	catThought := &content.Term{Name: "생각", Slug: "생각", URL: "/blog/categories/생각/", Pages: []*content.Page{retro, outage}}
	catDaily := &content.Term{Name: "일상", Slug: "일상", URL: "/blog/categories/일상/", Pages: []*content.Page{run}}
	tagAWS := &content.Term{Name: "AWS", Slug: "aws", URL: "/blog/tags/aws/", Pages: []*content.Page{retro, outage}}
	tagRetro := &content.Term{Name: "회고", Slug: "회고", URL: "/blog/tags/회고/", Pages: []*content.Page{retro}}
	tagRun := &content.Term{Name: "운동", Slug: "운동", URL: "/blog/tags/운동/", Pages: []*content.Page{run}}
	// 생각/회고 is a level of the category tree under 생각.
	catRetro := &content.Term{Name: "회고", Slug: "생각/회고", URL: "/blog/categories/생각/회고/", Pages: []*content.Page{retro},
		Path: "생각/회고", Depth: 1, Parent: catThought}
	catThought.Path, catThought.Children, catThought.Description = "생각", []*content.Term{catRetro}, "일하며 든 생각"
	catDaily.Path = "일상"
	cats := &content.Taxonomy{Name: "categories", URL: "/blog/categories/", Terms: []*content.Term{catThought, catRetro, catDaily},
		Tree: []*content.Term{catThought, catDaily}, PostCount: 3}
	tags := &content.Taxonomy{Name: "tags", URL: "/blog/tags/", Terms: []*content.Term{tagAWS, tagRun, tagRetro}}

	retro.CategoryLinks = []content.Link{{Name: "생각/회고", URL: catRetro.URL}}
	retro.CategoryTrails = [][]content.Link{{{Name: "생각", URL: catThought.URL}, {Name: "회고", URL: catRetro.URL}}}
	retro.TagLinks = []content.Link{{Name: "회고", URL: tagRetro.URL}, {Name: "AWS", URL: tagAWS.URL}}
	outage.CategoryLinks = []content.Link{{Name: "생각", URL: catThought.URL}}
	outage.CategoryTrails = [][]content.Link{{{Name: "생각", URL: catThought.URL}}}
	run.CategoryLinks = []content.Link{{Name: "일상", URL: catDaily.URL}}
	run.CategoryTrails = [][]content.Link{{{Name: "일상", URL: catDaily.URL}}}
	outage.Next, retro.Prev, retro.Next, run.Prev = retro, outage, run, retro
	retro.Related = []*content.Page{outage}

	about := &content.Page{Path: "about.md", Kind: content.KindPage, Title: "소개",
		URL: "/blog/about/", Permalink: "https://example.org/blog/about/"}
	about.SetRendered(&content.Rendered{Content: template.HTML("<p>글 쓰는 개발자입니다. Go와 🦀 Rust를 좋아합니다.</p>")})

	cfg := config.Defaults()
	cfg.BaseURL = base
	cfg.Title = "글쓰는 개발자 ✍️"
	site := &content.Site{
		Config: cfg, Title: cfg.Title, Description: "회고와 기술 메모", Author: "김글쓴",
		BaseURL: base, LanguageCode: "ko", Params: map[string]any{},
		Menus: map[string][]config.MenuEntry{"main": {{Name: "소개", URL: "about/"}, {Name: "글 보관함", URL: "archive/"}}},
		Posts: []*content.Page{run, retro, outage}, Pages: []*content.Page{about},
		Categories: cats, Tags: tags, FeedURL: "/blog/index.xml",
		Updated: run.Date,
	}
	return &fixture{site: site, posts: site.Posts, about: about, cats: cats, tags: tags}
}

// view returns the view pkg/site would build for kind.
func (f *fixture) view(kind string) *content.View {
	v := &content.View{Kind: kind, Site: f.site, FeedURL: f.site.FeedURL}
	pager := func(url string, pages []*content.Page) *content.Pager {
		return &content.Pager{Number: 1, Total: 2, Pages: pages, URL: url, FirstURL: url,
			LastURL: url + "page/2/", NextURL: url + "page/2/",
			Numbers: []content.Link{{Name: "1", URL: url}, {Name: "2", URL: url + "page/2/"}}}
	}
	switch kind {
	case "home":
		v.Title, v.Description, v.URL = f.site.Title, f.site.Description, "/blog/"
		v.Paginator = pager(v.URL, f.posts[:2])
	case "post":
		p := f.posts[1]
		v.Page, v.Title, v.Description, v.URL = p, p.Title, p.Description, p.URL
	case "page":
		v.Page, v.Title, v.URL = f.about, f.about.Title, f.about.URL
	case "section":
		v.Title, v.Section, v.URL = "posts", "posts", "/blog/posts/"
		v.Paginator = &content.Pager{Number: 1, Total: 1, Pages: f.posts, URL: v.URL, FirstURL: v.URL, LastURL: v.URL,
			Numbers: []content.Link{{Name: "1", URL: v.URL}}}
	case "taxonomy":
		v.Title, v.Taxonomy, v.URL = "카테고리", f.cats, f.cats.URL
	case "term":
		t := f.cats.Terms[1] // 생각/회고: a level under another
		v.Title, v.Term, v.Taxonomy, v.URL = t.Name, t, f.cats, t.URL
		v.FeedURL = t.URL + "index.xml"
		v.Paginator = pager(t.URL, t.Pages)
		v.Paginator.Number, v.Paginator.URL, v.Paginator.PrevURL, v.Paginator.NextURL = 2, t.URL+"page/2/", t.URL, ""
	case "archive":
		v.Title, v.URL = "글 보관함", "/blog/archive/"
		p := f.posts
		v.Archive = []*content.ArchiveYear{{Year: 2023, Months: []*content.ArchiveMonth{
			{Year: 2023, Month: time.June, Pages: p[:1]},
			{Year: 2023, Month: time.May, Pages: p[1:2]},
			{Year: 2023, Month: time.April, Pages: p[2:]},
		}}}
	case "404":
		v.Title, v.URL = "404", "/blog/404.html"
	}
	v.Permalink = "https://example.org" + v.URL
	return v
}
