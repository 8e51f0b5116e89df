#!/usr/bin/env bash
# Regenerate docs/PLANE-SPEC-AUDIT.md: fetch Plane's description from a running Plane server,
# build the older releases' descriptions from Plane's history, lint them all, and merge the
# hand-checked verdicts of docs/audit/verdicts.yaml. Run from anywhere, in the project's venv:
#
#   PLANE_GIT_DIR=/path/to/makeplane/plane.git PLANE_VENV=/tmp/real-plane/plane-venv \
#   PLANE_ENV=/tmp/real-plane/plane.env docs/audit/regenerate.sh
#
#   PLANE_URL          the server whose /api/schema/ is audited (default http://127.0.0.1:18000);
#                      PLANE_SCHEMA=FILE audits a saved copy instead
#   PLANE_GIT_DIR      a clone of makeplane/plane (a bare one is fine), for the older releases
#   PLANE_VENV         a virtualenv with Plane's requirements (every release listed pins
#                      drf-spectacular 0.28.0 and djangorestframework 3.15.2)
#   PLANE_ENV          Plane's environment file (database and secret settings manage.py reads)
#   PLANE_AUDIT_CACHE  where the documents are kept (default /tmp/plane-spec-audit); a release's
#                      document already there is reused, so the history is built once
#
# Releases before v0.28.0 publish no OpenAPI description (drf-spectacular came with v0.28.0).
# A release's document is what `manage.py spectacular` writes from that tag's apps/api, the code
# that serves /api/schema/; for the current commit it is byte-identical to what the server sends.
set -euo pipefail
cd "$(dirname "$0")/../.."

RELEASES="v0.28.0 v1.0.0 v1.1.0 v1.2.3 v1.3.1"
cache="${PLANE_AUDIT_CACHE:-/tmp/plane-spec-audit}"
mkdir -p "$cache"

if [ -n "${PLANE_SCHEMA:-}" ]; then
    cp "$PLANE_SCHEMA" "$cache/plane-schema.yaml"
else
    curl -fsS "${PLANE_URL:-http://127.0.0.1:18000}/api/schema/" -o "$cache/plane-schema.yaml"
fi

release_args=()
for tag in $RELEASES; do
    document="$cache/$tag.yaml"
    if [ ! -s "$document" ]; then
        if [ -z "${PLANE_GIT_DIR:-}" ] || [ -z "${PLANE_VENV:-}" ] || [ -z "${PLANE_ENV:-}" ]; then
            echo "regenerate: $tag: no cached document and PLANE_GIT_DIR/PLANE_VENV/PLANE_ENV unset; left out" >&2
            continue
        fi
        source_dir="$(mktemp -d)"
        git --git-dir="$PLANE_GIT_DIR" archive "$tag" apps/api | tar -x -C "$source_dir"
        (
            cd "$source_dir/apps/api"
            set -a
            # shellcheck disable=SC1090
            . "$PLANE_ENV"
            set +a
            ENABLE_DRF_SPECTACULAR=1 "$PLANE_VENV/bin/python" manage.py spectacular \
                --file "$document" >"$cache/$tag.log" 2>&1
        )
        rm -rf "$source_dir"
    fi
    release_args+=(--release "$tag=$document")
done

python docs/audit/plane_spec_audit.py "$cache/plane-schema.yaml" "${release_args[@]}"
