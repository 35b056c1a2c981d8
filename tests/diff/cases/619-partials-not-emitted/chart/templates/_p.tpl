{{ fail "never executed" }}
kind: Partial
