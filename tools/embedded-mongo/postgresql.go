package main

// A PostgreSQL cluster of the embedded database's own, kept under its data directory: created with
// initdb the first time, started on a free loopback port, and stopped (or, if this process dies,
// killed by the kernel) with FerretDB. Only this process talks to it: no Unix socket, no password,
// nothing listening beyond 127.0.0.1.

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const pgReadyTimeout = 60 * time.Second

type cluster struct {
	dir  string
	port int
	cmd  *exec.Cmd
	done chan struct{}
}

// The user the cluster's processes run as: PostgreSQL refuses to run as root, so root hands them to
// the `postgres` account the Debian package creates, which must be able to reach the directory.
func clusterCredential(dir string) (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	account, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("running as root, the embedded PostgreSQL needs the `postgres` account (the Debian package creates it): %w", err)
	}
	uid, _ := strconv.Atoi(account.Uid)
	gid, _ := strconv.Atoi(account.Gid)
	// The data directory is ours: the server's account may pass through it (not list it) to its cluster.
	if err := os.Chmod(filepath.Dir(dir), 0o711); err != nil {
		return nil, err
	}
	for parent := filepath.Dir(dir); ; parent = filepath.Dir(parent) {
		info, err := os.Stat(parent)
		if err != nil {
			return nil, err
		}
		if info.Mode().Perm()&0o001 == 0 {
			return nil, fmt.Errorf("PostgreSQL runs as the postgres account, which cannot enter %s: keep the checkout in a directory others may enter, or set MONGODB_URI", parent)
		}
		if parent == filepath.Dir(parent) {
			break
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	if err := filepath.Walk(dir, func(path string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(path, uid, gid)
	}); err != nil {
		return nil, err
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// startCluster initialises dir on first use and starts PostgreSQL on it; it returns once the server
// accepts connections. ephemeral trades durability for speed (fsync off), for temporary test data.
func startCluster(ctx context.Context, bin, dir string, ephemeral bool) (*cluster, error) {
	credential, err := clusterCredential(dir)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "PG_VERSION")); os.IsNotExist(err) {
		initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", dir, "-A", "trust", "-U", "ferretdb", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions")
		initdb.SysProcAttr = &syscall.SysProcAttr{Credential: credential}
		if out, err := initdb.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("initdb %s failed: %w\n%s", dir, err, out)
		}
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	fsync := "on"
	if ephemeral {
		fsync = "off"
	}
	args := []string{
		"-D", dir, "-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
		// FerretDB's pooled statements would otherwise switch to generic plans that no expression index serves (issue 14).
		"-c", "plan_cache_mode=force_custom_plan",
		"-c", "max_connections=400", "-c", "synchronous_commit=off", "-c", "fsync=" + fsync,
		"-c", "logging_collector=off", "-c", "log_min_messages=warning",
	}
	c := &cluster{dir: dir, port: port, done: make(chan struct{})}
	ready := make(chan error, 1)
	// The kernel kills the server when the thread that started it ends, so a killed parent leaves no
	// server behind: that thread is kept for the server's lifetime.
	go func() {
		runtime.LockOSThread()
		c.cmd = exec.Command(filepath.Join(bin, "postgres"), args...)
		c.cmd.SysProcAttr = &syscall.SysProcAttr{Credential: credential, Pdeathsig: syscall.SIGKILL}
		stderr, err := c.cmd.StderrPipe()
		if err == nil {
			err = c.cmd.Start()
		}
		if err != nil {
			ready <- fmt.Errorf("starting PostgreSQL: %w", err)
			close(c.done)
			return
		}
		go watchLog(stderr, ready)
		_ = c.cmd.Wait()
		close(c.done)
	}()
	select {
	case err := <-ready:
		if err != nil {
			c.stop()
			return nil, err
		}
	case <-c.done:
		return nil, fmt.Errorf("PostgreSQL exited before accepting connections (see the lines above)")
	case <-time.After(pgReadyTimeout):
		c.stop()
		return nil, fmt.Errorf("PostgreSQL did not accept connections within %s", pgReadyTimeout)
	case <-ctx.Done():
		c.stop()
		return nil, ctx.Err()
	}
	return c, nil
}

// watchLog passes the server's log to stderr and reports when it is ready to accept connections.
func watchLog(r io.Reader, ready chan<- error) {
	scanner := bufio.NewScanner(r)
	reported := false
	for scanner.Scan() {
		line := scanner.Text()
		if !reported && strings.Contains(line, "database system is ready to accept connections") {
			reported = true
			ready <- nil
			continue
		}
		if strings.Contains(line, "LOG:") && !strings.Contains(line, "FATAL") {
			continue // routine start-up and checkpoint messages
		}
		fmt.Fprintln(os.Stderr, "postgresql:", line)
	}
}

func (c *cluster) url() string {
	return fmt.Sprintf("postgres://ferretdb@127.0.0.1:%d/postgres", c.port)
}

// stop asks for a fast shutdown (SIGINT: sessions end, data is written) and waits for it.
func (c *cluster) stop() {
	if c.cmd == nil || c.cmd.Process == nil {
		return
	}
	_ = c.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-c.done:
	case <-time.After(15 * time.Second):
		_ = c.cmd.Process.Kill()
		<-c.done
	}
}
