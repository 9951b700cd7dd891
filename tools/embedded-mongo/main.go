// Command embedded-mongo runs FerretDB (SQLite backend) in-process so that
// development and tests have a real MongoDB-wire server without installing one.
//
// It prints one line "MONGODB_URI=<uri>" on stdout once it accepts connections,
// and stops on SIGINT/SIGTERM or, with -watch-stdin, when its parent closes stdin
// (so a crashed parent never leaves an orphaned database behind).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (loopback only by design)")
	dataDir := flag.String("data", "", "directory for the SQLite files (required)")
	watchStdin := flag.Bool("watch-stdin", false, "exit when stdin reaches EOF")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	if *dataDir == "" {
		fail("-data is required")
	}
	abs, err := filepath.Abs(*dataDir)
	if err != nil {
		fail(err.Error())
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		fail(err.Error())
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("bad -log-level: " + err.Error())
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	db, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
	})
	if err != nil {
		fail(err.Error())
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	done := make(chan struct{})
	go func() {
		_ = db.Run(ctx)
		close(done)
	}()

	// MongoDBURI blocks until Run has bound the listener, so the line below
	// is printed only when the server accepts connections.
	fmt.Printf("MONGODB_URI=%s\n", db.MongoDBURI())

	<-done
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "embedded-mongo:", msg)
	os.Exit(2)
}
