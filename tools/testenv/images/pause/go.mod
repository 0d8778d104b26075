// The pause (sandbox) image of the real test node: a tiny static program, built locally.
module woow.local/testenv/pause

go 1.24.0
