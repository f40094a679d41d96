#!/usr/bin/env bash
# Run once by the postgres image when it creates the primary's cluster (/docker-entrypoint-initdb.d):
# lets the standby of docker-compose.yml's "scale" profile stream WAL with the verity role's password.
set -euo pipefail
echo "host replication ${POSTGRES_USER} all scram-sha-256" >>"$PGDATA/pg_hba.conf"
