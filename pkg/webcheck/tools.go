package webcheck

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/geul-blog/geul/pkg/chromium"
)

// Where the npm packages are, under the repository root.
const (
	vnuJarPath = "scripts/webcheck/node_modules/vnu-jar/build/dist/vnu.jar"
	axePath    = "scripts/webcheck/node_modules/axe-core/axe.min.js"
	installer  = "scripts/install-webcheck.sh"
)

// Tools are the programs and files the checks run. A field is "" when the
// tool was not found.
type Tools struct {
	Java     string // the java command
	VNUJar   string // the Nu Html Checker, vnu.jar from npm's vnu-jar
	Axe      string // axe.min.js from npm's axe-core
	Chromium string // Chromium or Chrome
}

// FindTools looks for java and Chromium on PATH, and for the npm packages
// under root, the repository's root folder.
func FindTools(root string) Tools {
	var t Tools
	t.Java, _ = exec.LookPath("java")
	t.Chromium = chromium.Find()
	if p := filepath.Join(root, vnuJarPath); isFile(p) {
		t.VNUJar = p
	}
	if p := filepath.Join(root, axePath); isFile(p) {
		t.Axe = p
	}
	return t
}

// NeedVNU returns an error that says how to get what the Nu Html Checker
// lacks, or nil.
func (t Tools) NeedVNU() error {
	switch {
	case t.Java == "":
		return fmt.Errorf("no java on PATH; run %s (it installs default-jre-headless)", installer)
	case t.VNUJar == "":
		return fmt.Errorf("no %s; run %s", vnuJarPath, installer)
	}
	return nil
}

// NeedAxe returns an error that says how to get what axe-core in a browser
// lacks, or nil.
func (t Tools) NeedAxe() error {
	switch {
	case t.Chromium == "":
		return t.NeedBrowser()
	case t.Axe == "":
		return fmt.Errorf("no %s; run %s", axePath, installer)
	}
	return nil
}

// NeedBrowser returns an error that says how to get Chromium, or nil.
func (t Tools) NeedBrowser() error {
	if t.Chromium == "" {
		return fmt.Errorf("no chromium on PATH; run %s (it installs chromium)", installer)
	}
	return nil
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}
