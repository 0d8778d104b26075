// Command etcd is the upstream etcd server entry point, built from the pinned
// go.etcd.io/etcd/server/v3 module for the local test environment (tools/testenv).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
