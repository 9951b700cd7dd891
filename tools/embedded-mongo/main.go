// Command embedded-mongo runs FerretDB in-process so that development and tests have a real
// MongoDB-wire server without installing one: on a PostgreSQL cluster of its own under the data
// directory (-postgresql-bin, see postgresql.go), or on SQLite files there.
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
	dataDir := flag.String("data", "", "directory for the database's files (required)")
	pgBin := flag.String("postgresql-bin", "", "PostgreSQL's bin directory: keep the data in a PostgreSQL cluster under -data/postgresql rather than in SQLite files")
	ephemeral := flag.Bool("ephemeral", false, "temporary data: PostgreSQL without fsync")
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
	// Others may pass through (not list) what is created here: PostgreSQL's account must reach its cluster below.
	if err := os.MkdirAll(abs, 0o711); err != nil {
		fail(err.Error())
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("bad -log-level: " + err.Error())
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	config := &ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
	}
	var pg *cluster
	if *pgBin != "" {
		pg, err = startCluster(ctx, *pgBin, filepath.Join(abs, "postgresql"), *ephemeral)
		if err != nil {
			fail(err.Error())
		}
		defer pg.stop()
		config.Handler = "postgresql"
		config.PostgreSQLURL = pg.url()
		config.SQLiteURL = ""
		go keepGinIndexes(ctx, pg.url(), logger)
	}
	db, err := ferretdb.New(config)
	if err != nil {
		if pg != nil {
			pg.stop()
		}
		fail(err.Error())
	}
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
	if pg != nil {
		pg.stop()
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "embedded-mongo:", msg)
	os.Exit(2)
}
