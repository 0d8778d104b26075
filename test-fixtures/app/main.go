// woow-fixture-app: the program of the woow-fixture-app chart's image on the real test node.
//
//	fixture-app                 serve HTTP on :$PORT (8080) with data in $DATA_DIR (/data)
//	fixture-app cat FILE        print a file (for `kubectl exec`)
//	fixture-app write FILE TEXT write a file
//	fixture-app ls DIR          list a directory
//
// HTTP: GET / (JSON: app, version, hostname, dataDir), GET /healthz, GET /files (names),
// GET /files/NAME, PUT /files/NAME (body is the content). Every request is logged to stdout.
// At start it writes $DATA_DIR/hello.txt (when absent) and appends a line to
// $DATA_DIR/starts.log, when $DATA_DIR exists. FIXTURE_ALLOC_MB=N allocates and touches N MiB
// first (for memory-limit tests).
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// HelloText is what the app writes to hello.txt on a fresh volume.
const HelloText = "hello from woow-fixture-app\n"

var version = "1.0"

var fileName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func logf(format string, args ...any) {
	fmt.Printf("%s %s\n", time.Now().UTC().Format(time.RFC3339), fmt.Sprintf(format, args...))
}

func allocate(mb int) [][]byte {
	logf("allocating %d MiB", mb)
	chunks := make([][]byte, 0, mb)
	for i := 0; i < mb; i++ {
		c := make([]byte, 1<<20)
		for j := range c {
			c[j] = byte(j)
		}
		chunks = append(chunks, c)
		if (i+1)%16 == 0 {
			logf("allocated %d MiB", i+1)
		}
	}
	return chunks
}

func prepareData(dir, host string) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		logf("no data directory %s", dir)
		return
	}
	hello := filepath.Join(dir, "hello.txt")
	if _, err := os.Stat(hello); os.IsNotExist(err) {
		if err := os.WriteFile(hello, []byte(HelloText), 0o644); err != nil {
			logf("cannot write %s: %v", hello, err)
		}
	}
	f, err := os.OpenFile(filepath.Join(dir, "starts.log"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		logf("cannot open starts.log: %v", err)
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "%s started on %s\n", time.Now().UTC().Format(time.RFC3339), host)
}

type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func serve() error {
	port := env("PORT", "8080")
	dir := env("DATA_DIR", "/data")
	host, _ := os.Hostname()
	var ballast [][]byte
	if mb, err := strconv.Atoi(os.Getenv("FIXTURE_ALLOC_MB")); err == nil && mb > 0 {
		ballast = allocate(mb)
	}
	prepareData(dir, host)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"app": "woow-fixture-app", "version": env("APP_VERSION", version), "hostname": host,
			"dataDir": dir, "allocatedMiB": len(ballast),
		})
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") })
	mux.HandleFunc("GET /files", func(w http.ResponseWriter, _ *http.Request) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		names := []string{}
		for _, e := range entries {
			names = append(names, e.Name())
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(names)
	})
	mux.HandleFunc("/files/{name}", func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("name")
		if !fileName.MatchString(name) {
			http.Error(w, "name: letters, digits, '.', '_', '-' (at most 100)", http.StatusBadRequest)
			return
		}
		file := filepath.Join(dir, name)
		switch r.Method {
		case http.MethodGet:
			http.ServeFile(w, r, file)
		case http.MethodPut:
			body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
			if err == nil {
				err = os.WriteFile(file, body, 0o644)
			}
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.WriteHeader(http.StatusNoContent)
		default:
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		}
	})
	logged := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		mux.ServeHTTP(rec, r)
		logf("%s %s %d", r.Method, r.URL.Path, rec.status)
	})
	logf("woow-fixture-app %s listening on :%s (data %s)", env("APP_VERSION", version), port, dir)
	return http.ListenAndServe(":"+port, logged)
}

func main() {
	args := os.Args[1:]
	var err error
	switch {
	case len(args) == 0 || args[0] == "serve":
		err = serve()
	case args[0] == "cat" && len(args) == 2:
		var b []byte
		if b, err = os.ReadFile(args[1]); err == nil {
			_, err = os.Stdout.Write(b)
		}
	case args[0] == "write" && len(args) == 3:
		err = os.WriteFile(args[1], []byte(args[2]), 0o644)
	case args[0] == "ls" && len(args) == 2:
		var entries []os.DirEntry
		if entries, err = os.ReadDir(args[1]); err == nil {
			for _, e := range entries {
				fmt.Println(e.Name())
			}
		}
	default:
		err = fmt.Errorf("usage: fixture-app [serve | cat FILE | write FILE TEXT | ls DIR] (got %q)", strings.Join(args, " "))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
