#!/bin/sh
# Creates one role and one database per service. The postgres image runs this once, on an empty data
# directory, against its temporary server on the unix socket. The passwords come from the
# postgres-credentials Secret and must match the connection strings of the platform-db Secret.
set -e
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v documents_password="$DOCUMENTS_DB_PASSWORD" \
  -v entities_password="$ENTITIES_DB_PASSWORD" \
  -v predictions_password="$PREDICTIONS_DB_PASSWORD" <<'SQL'
CREATE ROLE documents LOGIN PASSWORD :'documents_password';
CREATE DATABASE documents OWNER documents;
CREATE ROLE entities LOGIN PASSWORD :'entities_password';
CREATE DATABASE entities OWNER entities;
CREATE ROLE predictions LOGIN PASSWORD :'predictions_password';
CREATE DATABASE predictions OWNER predictions;
SQL
