// woow-restic: the entrypoint of the backup image. It runs restic with the arguments it was given
// and writes restic's JSON summary (or, on failure, restic's last error line) to the container's
// termination message, where the helm-operator reads the result of a backup or restore Job.
//
// Usage: woow-restic [--init] RESTIC-ARGS...
//
//	--init  create the repository first when it does not exist yet (restic exit code 10)
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

const (
	restic             = "/restic"
	terminationLog     = "/dev/termination-log"
	repositoryNotFound = 10 // restic's exit code for "repository does not exist"
	maxMessage         = 3000 // the kubelet keeps 4096 bytes of it
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "--init" {
		args = args[1:]
		if code, errLine := run([]string{"cat", "config", "--no-cache"}, io.Discard); code == repositoryNotFound {
			if code, errLine := run([]string{"init", "--no-cache"}, io.Discard); code != 0 {
				fail(code, "restic init: "+errLine)
			}
		} else if code != 0 {
			fail(code, "restic cat config: "+errLine)
		}
	}
	var out bytes.Buffer
	code, errLine := run(args, io.MultiWriter(os.Stdout, &out))
	if code != 0 {
		fail(code, errLine)
	}
	writeTermination(lastSummary(out.Bytes()))
}

// run runs restic, copying its stderr through; returns its exit code and last non-empty stderr line.
func run(args []string, stdout io.Writer) (int, string) {
	cmd := exec.Command(restic, args...)
	cmd.Stdout = stdout
	var stderr bytes.Buffer
	cmd.Stderr = io.MultiWriter(os.Stderr, &stderr)
	err := cmd.Run()
	last := ""
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			last = line
		}
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, last
	case errors.As(err, &exit):
		return exit.ExitCode(), last
	default:
		return 1, err.Error()
	}
}

// lastSummary is restic's last `"message_type":"summary"` JSON line, or "{}".
func lastSummary(stdout []byte) string {
	summary := "{}"
	sc := bufio.NewScanner(bytes.NewReader(stdout))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "{") && strings.Contains(line, `"message_type":"summary"`) {
			summary = line
		}
	}
	return summary
}

func writeTermination(message string) {
	if len(message) > maxMessage {
		message = message[:maxMessage]
	}
	_ = os.WriteFile(terminationLog, []byte(message), 0o644)
}

func fail(code int, message string) {
	if message == "" {
		message = fmt.Sprintf("restic exited with code %d", code)
	}
	writeTermination(message)
	fmt.Fprintln(os.Stderr, "woow-restic:", message)
	if code == 0 {
		code = 1
	}
	os.Exit(code)
}
