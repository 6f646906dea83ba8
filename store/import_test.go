package store

import (
	"bufio"
	"fmt"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vumdk/vum/domain"
)

func records(n int) iter.Seq2[ImportRecord, error] {
	return slices2seq(recordList(n))
}

func recordList(n int) []ImportRecord {
	out := make([]ImportRecord, n)
	for i := range out {
		out[i] = ImportRecord{Line: i + 1, Case: exportCase(i)}
	}
	return out
}

func slices2seq(list []ImportRecord) iter.Seq2[ImportRecord, error] {
	return func(yield func(ImportRecord, error) bool) {
		for _, r := range list {
			if !yield(r, nil) {
				return
			}
		}
	}
}

func TestImportInBatchesAndResume(t *testing.T) {
	s, _ := openTemp(t)
	var progress []int
	opt := ImportOptions{Batch: 40, Source: "test.jsonl", Progress: func(n int) { progress = append(progress, n) }}
	res, err := s.Import(records(100), opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 100 || fmt.Sprint(progress) != "[40 80 100]" {
		t.Errorf("result %+v, progress %v", res, progress)
	}
	var due int
	s.DueBefore(domain.NewDate(2030, 1, 1), func(Due) bool { due++; return true })
	if due != 34 {
		t.Errorf("due entries = %d, want 34 (every third case has a decision)", due)
	}
	res, err = s.Import(records(100), opt)
	if err != nil || res.Added != 0 || res.Skipped != 100 {
		t.Errorf("second import of the same input: %+v, %v", res, err)
	}
}

func TestImportSkipsKnownIDs(t *testing.T) {
	s, _ := openTemp(t)
	recs := recordList(2)
	if _, err := s.Import(slices2seq(recs[:1]), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	recs[0].Case.ID = strings.ToLower(recs[0].Case.ID)
	res, err := s.Import(slices2seq(recs), ImportOptions{})
	if err != nil || res.Added != 1 || res.Skipped != 1 {
		t.Errorf("result %+v, %v", res, err)
	}
	recs[1].Case.ID = "not-an-id"
	if _, err := s.Import(slices2seq(recs), ImportOptions{}); err == nil || !strings.Contains(err.Error(), "linje 2") {
		t.Errorf("bad id: %v", err)
	}
}

const killBatch = 500

// TestHelperImport runs in a child process: it imports slowly, printing
// after each committed batch, until the parent kills it.
func TestHelperImport(t *testing.T) {
	path := os.Getenv("VUM_TEST_IMPORT")
	if path == "" {
		t.Skip("helper process only")
	}
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	_, err = s.Import(records(20*killBatch), ImportOptions{Batch: killBatch, Progress: func(n int) {
		fmt.Printf("done %d\n", n)
		time.Sleep(30 * time.Millisecond)
	}})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
}

// A process killed in the middle of a bulk import leaves a store that
// opens, holds every committed case whole, and resumes the import.
func TestKilledImportKeepsCommittedCases(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vum.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperImport$")
	cmd.Env = append(os.Environ(), "VUM_TEST_IMPORT="+path)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := 0
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if n, ok := strings.CutPrefix(lines.Text(), "done "); ok {
			committed, _ = strconv.Atoi(n)
			if committed >= 3*killBatch {
				break
			}
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if committed < 3*killBatch {
		t.Fatalf("child reported only %d committed cases", committed)
	}

	s, err := Open(path, testOptions())
	if err != nil {
		t.Fatalf("store after SIGKILL: %v", err)
	}
	defer s.Close()
	n, _ := s.Count()
	if n < committed || n%killBatch != 0 || n >= 20*killBatch {
		t.Fatalf("store holds %d cases; reported %d committed in batches of %d before the kill", n, committed, killBatch)
	}
	if r, err := s.Check(); err != nil || !r.OK() {
		t.Fatalf("check after SIGKILL: %+v, %v", r, err)
	}
	res, err := s.Import(records(20*killBatch), ImportOptions{Batch: killBatch})
	if err != nil {
		t.Fatal(err)
	}
	total, _ := s.Count()
	if res.Skipped != n || res.Added != 20*killBatch-n || total != 20*killBatch {
		t.Errorf("resume: %+v, total %d", res, total)
	}
}
