#!/usr/bin/env bash
# Start this machine's PostgreSQL cluster (Debian's pg_ctlcluster) and make sure the
# role and database for the tests exist; print the DATABASE_URL to use.
# initdb/pg_ctl refuse to run as root, so everything runs through the postgres user.
set -euo pipefail

ROLE=plpg
PASSWORD=plpg
DB=plpg

as_postgres() { if [ "$(id -u)" = "0" ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

cluster=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1" "$2" "$3" "$4}')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  pg_createcluster "$version" main >/dev/null
  cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2" "$3" "$4}')
fi
read -r version name port status <<<"$cluster"
if [ "$status" != "online" ]; then
  pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start >&2
fi
for _ in $(seq 1 30); do
  as_postgres "psql -p $port -tAc 'select 1'" >/dev/null 2>&1 && break
  sleep 0.5
done

as_postgres "psql -p $port -tAc \"select 1 from pg_roles where rolname='$ROLE'\"" | grep -q 1 ||
  as_postgres "psql -p $port -qc \"create role $ROLE login createdb password '$PASSWORD'\"" >&2
as_postgres "psql -p $port -tAc \"select 1 from pg_database where datname='$DB'\"" | grep -q 1 ||
  as_postgres "createdb -p $port -O $ROLE $DB" >&2

echo "postgres://$ROLE:$PASSWORD@127.0.0.1:$port/$DB"
