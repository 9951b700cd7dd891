package main

// GIN indexes beside FerretDB's own (issue 14): FerretDB's btree expression indexes cannot serve the
// `_jsonb->'field' @> value` it sends for an equality, so every query on a field scans its table.
// A GIN (jsonb_path_ops) index on the same expression can, with plan_cache_mode=force_custom_plan.
// This keeps one for every field of every index the subgraphs declare, as FerretDB records them in
// each database's _ferretdb_database_metadata: a new collection gets its indexes within a second or two.
// fastupdate is off: with it on, what a bulk insert (the seed) adds waits in the index's pending list,
// which every query then reads through until a vacuum, and a look-up at 10x took 7 ms instead of 1.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

const ginInterval = 2 * time.Second

// ginStatements lists the statements that make the cluster's GIN indexes complete and valid: one CREATE
// INDEX per missing (table, field), preceded by a DROP where an earlier build left the index invalid.
func ginStatements(ctx context.Context, conn *pgx.Conn) ([]string, error) {
	rows, err := conn.Query(ctx, `SELECT table_schema FROM information_schema.tables WHERE table_name = '_ferretdb_database_metadata'`)
	if err != nil {
		return nil, err
	}
	schemas, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, err
	}
	// A CREATE INDEX CONCURRENTLY that gave way (lock_timeout, deadlock) leaves its index behind INVALID:
	// never used by the planner, and skipped by IF NOT EXISTS, so it is dropped and built again. One still
	// being built (by a keeper of another process on the same cluster) is invalid too, and left alone.
	valid := map[string]bool{} // every GIN index of ours, and whether the planner may use it
	rows, err = conn.Query(ctx, `SELECT n.nspname || '.' || c.relname, i.indisvalid FROM pg_index i
		JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relname LIKE '%\_gin\_%'
		AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid)`)
	if err != nil {
		return nil, err
	}
	type ginIndex struct {
		Name  string
		Valid bool
	}
	indexes, err := pgx.CollectRows(rows, pgx.RowToStructByPos[ginIndex])
	if err != nil {
		return nil, err
	}
	for _, index := range indexes {
		valid[index.Name] = index.Valid
	}
	var statements []string
	for _, schema := range schemas {
		q := fmt.Sprintf(`SELECT m._jsonb->>'table', k FROM %s._ferretdb_database_metadata m,
			jsonb_array_elements(m._jsonb->'indexes') i, jsonb_object_keys(i->'key') k`, pgx.Identifier{schema}.Sanitize())
		rows, err := conn.Query(ctx, q)
		if err != nil {
			return nil, err
		}
		type pair struct{ Table, Field string }
		pairs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[pair])
		if err != nil {
			return nil, err
		}
		for _, p := range pairs {
			if strings.ContainsAny(p.Field, ".$") {
				continue // a path into a document: FerretDB pushes down top-level fields only
			}
			sum := sha256.Sum256([]byte(p.Field))
			index := fmt.Sprintf("%s_gin_%s", p.Table, hex.EncodeToString(sum[:4]))
			usable, found := valid[schema+"."+index]
			if usable {
				continue
			}
			valid[schema+"."+index] = true // once per (table, field), however many indexes name the field
			if found {
				statements = append(statements, fmt.Sprintf(`DROP INDEX CONCURRENTLY IF EXISTS %s`, pgx.Identifier{schema, index}.Sanitize()))
			}
			statements = append(statements, fmt.Sprintf(`CREATE INDEX CONCURRENTLY IF NOT EXISTS %s ON %s USING gin ((_jsonb -> %s) jsonb_path_ops) WITH (fastupdate = off)`,
				pgx.Identifier{index}.Sanitize(), pgx.Identifier{schema, p.Table}.Sanitize(), quoteLiteral(p.Field)))
		}
	}
	return statements, nil
}

func quoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// keepGinIndexes runs until ctx ends, adding what ginStatements finds missing every ginInterval.
func keepGinIndexes(ctx context.Context, url string, logger *slog.Logger) {
	var conn *pgx.Conn
	defer func() {
		if conn != nil {
			_ = conn.Close(context.Background())
		}
	}()
	ticker := time.NewTicker(ginInterval)
	defer ticker.Stop()
	for {
		if conn == nil {
			c, err := pgx.Connect(ctx, url)
			if err == nil {
				// Never in FerretDB's way: a lock wait or deadlock with a database being dropped
				// ends this session's statement, not FerretDB's, and it is tried again next time.
				if _, err = c.Exec(ctx, "SET deadlock_timeout = '20ms'; SET lock_timeout = '500ms'"); err != nil {
					_ = c.Close(context.Background())
				}
			}
			if err == nil {
				conn = c
			} else if ctx.Err() == nil {
				logger.Warn("gin indexes: cannot connect", "error", err)
			}
		}
		if conn != nil {
			statements, err := ginStatements(ctx, conn)
			for _, statement := range statements {
				if err == nil {
					_, err = conn.Exec(ctx, statement)
				}
			}
			if err != nil && ctx.Err() == nil {
				// A schema or table dropped while we looked (tests drop databases): try again next time.
				logger.Debug("gin indexes", "error", err)
				_ = conn.Close(context.Background())
				conn = nil
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}
