package site

import (
	"bytes"
	"context"
	"sort"

	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/theme"
)

// A build runs four steps, each handing a value to the next:
//
//	load    loadAll or loadChanged (builder.go) → contentDiff
//	model   model: the last build's model with new bodies, or assemble → *state
//	plan    plan: every job with its fingerprint, and the dirty ones → pass
//	render  render: the dirty jobs whose fingerprint changed → snapshot
//
// and ends with a snapshot, which the next Rebuild starts from.

// snapshot is one successful build: its output, what each output was
// rendered from, and the plan (model and jobs) it rendered. The Builder
// keeps the last one (Builder.prev); a failed build leaves it in place
// but for plan, which the failed build's sources may no longer match.
//
// A snapshot is not changed once made, with one exception, for speed: a
// body edit takes the last snapshot over rather than copying it (its plan,
// with the edited pages' new bodies and listFP, and its fps, updated for
// what was rendered again), since copying means walking every page.
// Output is never changed: a body edit's is an overlay of the last one.
type snapshot struct {
	out  *Output           // every file of the site; nil before the first build
	fps  map[string]uint64 // output path → the fingerprint it was made from (fingerprints.go)
	plan *plan             // nil before the first build, and after a failed one
}

// held returns the bytes this build made at name when they were made
// from fingerprint fp and are held in memory: what a build that gets fp
// again takes instead of making them.
func (s snapshot) held(name string, fp uint64) ([]byte, bool) {
	if old, ok := s.fps[name]; !ok || old != fp || s.out == nil {
		return nil, false
	}
	return s.out.InMemory(name)
}

// plan is a build's model and its HTML pages as jobs, fingerprinted.
type plan struct {
	st             *state
	jobs           []*job
	drafts, future int // left out, for Result

	// Which jobs show what of a post's body, worked out on the first body
	// edit and kept while the site keeps its shape.
	showing  map[*content.Page][]*job // jobs that show the post (deps), counting its body
	showsAll []*job                   // jobs that show the body of any post
}

// pass is one build on its way from plan to render.
type pass struct {
	plan  *plan
	dirty []*job          // the jobs that may have changed: every job, or those showing an edited body
	edits []*content.Page // the pages whose body alone changed; nil when the model was assembled again
	early *earlyJob       // a job already rendering (the archive), or nil

	// overlay: only dirty jobs are rendered, laid over the last Output,
	// whose other files are shared, not copied (a body edit in memory).
	overlay bool
}

// build is Build (full) or Rebuild: load, model, plan, render.
func (b *Builder) build(ctx context.Context, changes Changes, full bool) (*Result, error) {
	res := &Result{Full: full}
	imagesBefore := b.processedImages()
	defer func() { res.Images = b.processedImages() - imagesBefore }()
	var diff contentDiff
	if full {
		b.needFull = true
		if err := b.loadAll(ctx); err != nil {
			return nil, err
		}
		diff.reshaped = true
	} else {
		var err error
		if diff, err = b.loadChanged(ctx, changes); err != nil {
			b.prev.plan = nil
			return nil, err
		}
	}
	if b.prev.plan == nil {
		// partialCached's renderings outlive a build only for pages the
		// next build finds unchanged (Theme.KeepPartials).
		b.theme.ClearPartialCache()
	}
	next, err := b.pipeline(ctx, diff, res)
	if err != nil {
		b.prev.plan = nil // the next build starts from the sources
		return nil, err
	}
	for _, rel := range changes.Content {
		if p := next.plan.st.byPath[rel]; p != nil {
			res.Edited = append(res.Edited, p.URL)
		}
	}
	b.needFull = false
	b.prev = next
	res.Output = next.out
	return res, nil
}

// pipeline is a build once its sources are loaded.
func (b *Builder) pipeline(ctx context.Context, diff contentDiff, res *Result) (snapshot, error) {
	st, edits, err := b.model(ctx, diff, res)
	if err != nil {
		return snapshot{}, err
	}
	p, err := b.plan(ctx, st, edits, res)
	if err != nil {
		return snapshot{}, err
	}
	return b.render(ctx, p, res)
}

// model returns the site model this build renders. When only post bodies
// changed (the most common edit while writing), it is the last build's:
// titles, dates, URLs, terms, neighbours and lists stay as they were
// worked out, and only the edited pages' Markdown is rendered again.
// Otherwise the model is assembled again from every source (assemble).
// edits is nil then.
func (b *Builder) model(ctx context.Context, diff contentDiff, res *Result) (*state, []*content.Page, error) {
	last := b.prev.plan
	if diff.reshaped || len(diff.edits) == 0 || last == nil {
		st, err := b.assemble(ctx, res)
		if err != nil {
			return nil, nil, err
		}
		if last != nil {
			// A page that lists show as they did keeps its cached partials;
			// the others made for a page wait for plan to say whether that
			// page is as it was (restorePartials).
			prev := last.st.listFP
			b.theme.HoldPartials(func(p *content.Page) bool {
				fp, ok := prev[p]
				return ok && fp == st.listFP[p]
			})
		}
		return st, nil, nil
	}
	st, edits := last.st, diff.edits
	res.Drafts, res.Future = last.drafts, last.future
	edited := make(map[*content.Page]bool, len(edits))
	for _, p := range edits {
		edited[p] = true
	}
	// A partial that shows nothing of a post's body (the header, the
	// category tree) is as it was; so is one of an unedited page.
	b.theme.KeepPartialsWithout(func(p *content.Page) bool { return !edited[p] }, bodyFields...)
	if err := b.renderPages(ctx, st, edits); err != nil {
		return nil, nil, err
	}
	for _, p := range edits {
		p.SetRenderedFunc(func() *content.Rendered { return b.renderedOf(p) })
		st.listFP[p] = b.listFingerprint(p) // its shape is unchanged
	}
	return st, edits, nil
}

// plan lists the jobs of st with their fingerprints, and which of them
// may have changed. A model assembled again gets new jobs, every one of
// them dirty (claimAll gives each output path its one owner). The last
// build's model keeps its jobs: only those that show an edited post's
// body get new fingerprints and are dirty, with no walk over every post.
func (b *Builder) plan(ctx context.Context, st *state, edits []*content.Page, res *Result) (pass, error) {
	if edits == nil {
		var early *earlyJob
		var start func(*job)
		if !b.writesThrough() {
			early = &earlyJob{}
			start = func(j *job) { early.start(ctx, b, j) }
		}
		jobs := b.jobs(st, start)
		c, err := b.claimAll(st, jobs)
		if err != nil {
			early.wait() // it reads the model the next build changes
			return pass{}, err
		}
		st.claims = c
		st.warnings = append(st.warnings, c.warns...)
		if last := b.prev.plan; last != nil {
			restorePartials(b.theme, last.jobs, jobs)
		}
		p := &plan{st: st, jobs: jobs, drafts: res.Drafts, future: res.Future}
		return pass{plan: p, dirty: jobs, early: early}, nil
	}
	last := b.prev.plan
	full, shape := postSums(st)
	if b.writesThrough() || !b.prev.out.IsOverlay() && b.prev.out.HasReused() {
		// Pages on disk: the whole Output is put together again, which
		// knows how to carry them.
		fingerprintJobs(st, last.jobs, full, shape)
		p := &plan{st: st, jobs: last.jobs, drafts: last.drafts, future: last.future}
		return pass{plan: p, dirty: last.jobs, edits: edits}, nil
	}
	dirty := last.bodyDependents(edits)
	for _, j := range dirty {
		fingerprintJob(st, j, full, shape)
	}
	return pass{plan: last, dirty: dirty, edits: edits, overlay: true}, nil
}

// restorePartials serves again the partialCached renderings made, in the
// last build, for a page whose job has the fingerprint it had then: the
// page is rendered as it was (it is not even rendered again), so are the
// partials it showed — the sidebar's category tree, the header and the
// footer of a rebuild that keeps them, such as a title edit.
func restorePartials(th *theme.Theme, last, jobs []*job) {
	urls := th.HeldPartialPages()
	type fps struct {
		was, now   uint64
		wasN, nowN int // jobs with the URL; 2 is a clash
	}
	byURL := make(map[string]*fps, len(urls))
	for _, u := range urls {
		byURL[u] = &fps{}
	}
	if len(urls) > 0 {
		for _, j := range last {
			if f := byURL[j.view.URL]; f != nil {
				f.was, f.wasN = j.fp, f.wasN+1
			}
		}
		for _, j := range jobs {
			if f := byURL[j.view.URL]; f != nil {
				f.now, f.nowN = j.fp, f.nowN+1
			}
		}
	}
	th.RestorePartials(func(url string) bool {
		f := byURL[url]
		return f != nil && f.wasN == 1 && f.nowN == 1 && f.was == f.now
	})
}

// render renders the dirty jobs whose fingerprint changed and puts the
// build's Output together: a whole new one (renderJobs), or the last one
// with what changed laid over it.
func (b *Builder) render(ctx context.Context, p pass, res *Result) (snapshot, error) {
	if !p.overlay {
		out, fps, err := b.renderJobs(ctx, p.plan.st, p.dirty, res, p.early)
		if err != nil {
			return snapshot{}, err
		}
		return snapshot{out: out, fps: fps, plan: p.plan}, nil
	}
	st := p.plan.st
	var todo []*job
	for _, j := range p.dirty {
		if !b.unchanged(j) {
			todo = append(todo, j)
		}
	}
	rendered, _, err := b.execute(ctx, todo, "")
	if err != nil {
		return snapshot{}, err
	}
	changed := make(map[string][]byte, len(todo)+4)
	for i, j := range todo {
		changed[j.out] = rendered[i]
	}
	feedFPs := map[string]uint64{}
	for name, data := range b.feeds(st, feedFPs) {
		changed[name] = data
	}
	b.imageCopiesSince(st, changed)
	b.vendorForEdits(changed, p.edits)
	// searchEdits notes the index files' fingerprints in b.prev.fps,
	// the map this build's snapshot takes over.
	for name, data := range b.searchEdits(st, p.edits) {
		changed[name] = data
	}
	last := b.prev
	for name, data := range changed {
		if old, ok := last.out.InMemory(name); ok && bytes.Equal(old, data) {
			delete(changed, name) // keep sharing the last build's bytes
			continue
		}
		res.Changed = append(res.Changed, name)
	}
	sort.Strings(res.Changed)
	out := last.out.Overlay(changed)
	refWarnings, err := b.refProblems(st, out, p.edits)
	if err != nil {
		return snapshot{}, err
	}

	res.Pages, res.Rendered = len(p.plan.jobs), len(todo)
	res.Warnings = append(b.warnings(st), refWarnings...)
	// The fingerprints of the outputs not rendered again are the last
	// build's: its map is updated, not copied (it is the size of the site).
	fps := last.fps
	for _, j := range todo {
		fps[j.out] = j.fp
	}
	for name, fp := range feedFPs {
		fps[name] = fp
	}
	return snapshot{out: out, fps: fps, plan: p.plan}, nil
}

// bodyDependents returns the jobs whose output can change when the bodies
// of edited change: the ones that show any post's body, and the ones that
// show one of edited with more than its shape.
func (l *plan) bodyDependents(edited []*content.Page) []*job {
	if l.showing == nil {
		l.showing = map[*content.Page][]*job{}
		for _, j := range l.jobs {
			if j.shallow {
				continue // a body edit leaves every shape fingerprint as it was
			}
			if j.all {
				l.showsAll = append(l.showsAll, j)
				continue
			}
			for _, p := range j.deps {
				if p != nil {
					l.showing[p] = append(l.showing[p], j)
				}
			}
		}
	}
	seen := map[*job]bool{}
	var out []*job
	add := func(js []*job) {
		for _, j := range js {
			if !seen[j] {
				seen[j] = true
				out = append(out, j)
			}
		}
	}
	add(l.showsAll)
	for _, p := range edited {
		add(l.showing[p])
	}
	return out
}
