package tui

import "strings"

// filterCache keeps the results of the last searches typed, so that a
// keystroke that narrows the search scans only the cases the previous
// one found, and a backspace returns to a result already known. Only the
// first letters of a search scan every case.
type filterCache struct {
	key   filterKey
	steps []filterStep
}

// filterKey is what else decides a result: the rows and the due filter.
type filterKey struct {
	rows    *caseRow
	n       int
	dueOnly bool
}

type filterStep struct {
	words   []string
	visible []int
}

// maxFilterSteps bounds the results kept.
const maxFilterSteps = 8

// candidates returns the rows a search for words must be found among:
// exact is true when they are the result itself. nil means every row.
func (fc *filterCache) candidates(key filterKey, words []string) (rows []int, exact bool) {
	if key != fc.key {
		fc.key, fc.steps = key, nil
		return nil, false
	}
	for i := len(fc.steps) - 1; i >= 0; i-- {
		st := fc.steps[i]
		if equalWords(st.words, words) {
			fc.steps = fc.steps[:i+1]
			return st.visible, true
		}
		if narrows(words, st.words) {
			fc.steps = fc.steps[:i+1]
			return st.visible, false
		}
	}
	fc.steps = nil
	return nil, false
}

func (fc *filterCache) add(words []string, visible []int) {
	if len(fc.steps) == maxFilterSteps {
		fc.steps = append(fc.steps[:0], fc.steps[1:]...)
	}
	fc.steps = append(fc.steps, filterStep{words: words, visible: visible})
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// narrows reports whether every text matching all of words also matches
// all of old: each old word is part of a new one.
func narrows(words, old []string) bool {
	for _, o := range old {
		found := false
		for _, w := range words {
			if strings.Contains(w, o) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
