#!/usr/bin/env bash
# Regenerates the console screenshots in Screenshots/ from a real terminal: the console runs in tmux, an xterm on
# a virtual X display (Xvfb) is attached to it, and ImageMagick's `import` photographs the xterm window after
# tmux shows the expected screen. Realistic data (accents, Greek, CJK) is pushed over SCIM first, plus a mix of
# failing requests. Installs what it needs on Debian (xvfb xterm imagemagick fonts-noto-cjk x11-utils).
#
# Usage: scripts/screenshots.sh            (builds roster, writes Screenshots/*.png; loopback only)
#        ROSTER=path/to/roster scripts/screenshots.sh   (photographs that binary, no build)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in xvfb xterm imagemagick fonts-noto-cjk fonts-dejavu-core x11-utils tmux; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ -z "${ROSTER:-}" ]; then
    swift build --product roster
    ROSTER="$PWD/.build/debug/roster"
fi
roster=$(realpath "$ROSTER")
out="$PWD/Screenshots"
mkdir -p "$out"
work=$(mktemp -d)
sock="roster-shots-$$"
display=":$((90 + $$ % 100))"
cols=120
rows=36
export LANG=C.UTF-8
unset NO_COLOR TMUX

cleanup() {
    tmux -L "$sock" kill-server 2>/dev/null || true
    [ -n "${xterm_pid:-}" ] && kill "$xterm_pid" 2>/dev/null || true
    [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# 8080 (what a reader would run) when it is free, else any free port.
free_port() {
    python3 -c '
import socket
s = socket.socket()
try:
    s.bind(("127.0.0.1", 8080))
except OSError:
    s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# Polls the console's screen (up to 15 s) until every argument appears on it.
wait_for() {
    for _ in $(seq 300); do
        local screen
        screen=$(tmux -L "$sock" capture-pane -p -t ui)
        local all=1
        for text in "$@"; do [[ "$screen" == *"$text"* ]] || all=0; done
        [ $all = 1 ] && return 0
        sleep 0.05
    done
    echo "timed out waiting for: $*" >&2
    tmux -L "$sock" capture-pane -p -t ui >&2
    exit 1
}

keys() { tmux -L "$sock" send-keys -t ui "$@"; }

# Photographs the xterm once the screen shows every text given.
shoot() {
    local name=$1
    shift
    wait_for "$@"
    sleep 0.6 # let xterm draw what tmux already has
    DISPLAY=$display /usr/bin/import -window "$wid" "$out/$name.png"
    echo "wrote Screenshots/$name.png"
}

# Starts the console in tmux (the session the xterm shows) on database $1 and port $2.
start_console() {
    tmux -L "$sock" kill-session -t ui 2>/dev/null || true
    tmux -L "$sock" -f /dev/null new-session -d -s ui -x "$cols" -y "$rows" \
        "$roster --database $1 --port $2 --log-file $work/console.log"
    tmux -L "$sock" set-option -t ui status off >/dev/null
}

# Starts `roster demo` in tmux: the simulated Okta provisioning a company while the console watches.
start_demo() {
    tmux -L "$sock" kill-session -t ui 2>/dev/null || true
    tmux -L "$sock" -f /dev/null new-session -d -s ui -x "$cols" -y "$rows" "$roster demo --seed 1 --rate 4"
    tmux -L "$sock" set-option -t ui status off >/dev/null
}

start_xterm() {
    [ -n "${xterm_pid:-}" ] && kill "$xterm_pid" 2>/dev/null && wait "$xterm_pid" 2>/dev/null || true
    DISPLAY=$display xterm -fa 'DejaVu Sans Mono' -fs 11 -geometry "${cols}x${rows}+0+0" -bg '#1e1e1e' -fg '#d4d4d4' \
        -xrm 'XTerm*faceNameDoublesize: Noto Sans Mono CJK SC' -xrm 'XTerm*utf8: 1' -xrm 'XTerm*cursorColor: #d4d4d4' \
        -xrm 'XTerm*color1: #f14c4c' -xrm 'XTerm*color2: #23d18b' -xrm 'XTerm*color3: #e5e510' \
        -xrm 'XTerm*color4: #3b8eea' -xrm 'XTerm*color5: #d670d6' -xrm 'XTerm*color6: #29b8db' \
        -T roster-console -e tmux -L "$sock" attach -t ui &
    xterm_pid=$!
    wid=""
    for _ in $(seq 100); do
        wid=$(DISPLAY=$display xwininfo -root -tree 2>/dev/null | awk '/"roster-console"/ {print $1; exit}')
        [ -n "$wid" ] && break
        sleep 0.1
    done
    [ -n "$wid" ] || { echo "the xterm window did not appear" >&2; exit 1; }
}

Xvfb "$display" -screen 0 1920x1200x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do DISPLAY=$display xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done

# 1. The welcome panel of a fresh database.
port=$(free_port)
start_console "$work/welcome.sqlite" "$port"
start_xterm
shoot welcome "Welcome to roster" "SCIM connector base URL"
keys Enter
keys q
wait_for "y yes"
keys y

# 2. A lived-in organization: members, teams, keys, requests.
db="$work/acme.sqlite"
"$roster" org create "Acme Café" --seats 250 --phone-policy flag --database "$db" >/dev/null
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
old=$("$roster" keys create --org "Acme Café" --label okta-legacy --json --database "$db" | json_field id)
"$roster" keys revoke "$old" --database "$db" >/dev/null
"$roster" keys create --org "Acme Café" --label staging --database "$db" >/dev/null
first=$("$roster" keys create --org "Acme Café" --label okta-prod --json --database "$db" | json_field id)
key=$("$roster" keys rotate "$first" --grace 7d --json --database "$db" | json_field key)
port=$(free_port)
start_console "$db" "$port"
wait_for "Members 0"

python3 - "http://127.0.0.1:$port/scim/v2" "$key" <<'PY'
import json, sys, time, urllib.error, urllib.parse, urllib.request

base, key = sys.argv[1], sys.argv[2]

def call(method, path, body=None, token=key):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", f"Bearer {token}")
    req.add_header("User-Agent", "Okta SCIM Client 1.0.0")
    if data is not None:
        req.add_header("Content-Type", "application/scim+json; charset=utf-8")
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return json.loads(resp.read() or b"null")
    except urllib.error.HTTPError:
        return None

people = [
    ("jane.doe@acme.example", "Jane", "Doe", "Jane Doe", "+1 4155550100"),
    ("王小明@acme.example", "小明", "王", "王小明", "+86 13800138000"),
    ("josé.núñez@acme.example", "José", "Núñez", "José Núñez", "415.555.0101"),
    ("olympia.p@acme.example", "Ολυμπία", "Παπαδοπούλου", "Ολυμπία Παπαδοπούλου", "+30 2101234567"),
    ("zoë.kowalczyk@acme.example", "Zoë", "Kowalczyk-Łukasik", "Zoë Kowalczyk-Łukasik", "+48 221234567"),
    ("tanaka.hanako@acme.example", "花子", "田中", "田中花子", "+81 312345678"),
    ("søren.nielsen@acme.example", "Søren", "Nielsen", "Søren Nielsen", "+45 33123456"),
    ("françois.dupont@acme.example", "François", "Dupont", "François Dupont", "+33 142123456"),
    ("aylin.yılmaz@acme.example", "Aylin", "Yılmaz", "Aylin Yılmaz", "+90 2121234567"),
    ("kim.minjun@acme.example", "민준", "김", "김민준", "+82 212345678"),
    ("priya.sharma@acme.example", "Priya", "Sharma", "Priya Sharma", "+91 2212345678"),
    ("lukas.mueller@acme.example", "Lukas", "Müller", "Lukas Müller", "+41 791234567"),
]
ids = {}
for index, (user, given, family, display, phone) in enumerate(people):
    body = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        "userName": user, "externalId": f"00u{index:02d}okta{index * 7919:06d}",
        "name": {"givenName": given, "familyName": family}, "displayName": display,
        "emails": [{"value": user, "type": "work", "primary": True}],
        "phoneNumbers": [{"value": phone, "type": "work"}],
        "title": ["Engineer", "Designer", "Sales lead", "Support"][index % 4],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "department": ["Engineering", "Design", "Sales", "Support"][index % 4], "employeeNumber": str(1000 + index)},
        "active": True,
    }
    created = call("POST", "/Users", body)
    ids[user] = created["id"]
    time.sleep(0.05)

def group(name, members):
    created = call("POST", "/Groups", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": name,
                                       "externalId": "00g" + name[:3].lower(), "members": []})
    call("PATCH", f"/Groups/{created['id']}", {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "add", "path": "members", "value": [{"value": ids[m], "display": m} for m in members]}]})

group("Engineering 工程", ["jane.doe@acme.example", "王小明@acme.example", "zoë.kowalczyk@acme.example",
                        "tanaka.hanako@acme.example", "lukas.mueller@acme.example", "kim.minjun@acme.example"])
group("Ventes & Marketing", ["françois.dupont@acme.example", "josé.núñez@acme.example", "aylin.yılmaz@acme.example"])
group("Support", ["søren.nielsen@acme.example", "priya.sharma@acme.example"])
group("Design", ["olympia.p@acme.example"])

# What Okta does day to day, and what goes wrong.
call("PATCH", f"/Users/{ids['søren.nielsen@acme.example']}", {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "replace", "value": {"active": False}}]})
call("PATCH", f"/Users/{ids['jane.doe@acme.example']}", {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    "Operations": [{"op": "replace", "path": "name.familyName", "value": "Doe-Smith"},
                   {"op": "replace", "path": "title", "value": "Staff Engineer"}]})
call("GET", "/Users?filter=" + urllib.parse.quote('userName eq "王小明@acme.example"'))
call("POST", "/Users", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "JANE.DOE@acme.example"})
call("GET", "/Users?filter=" + urllib.parse.quote('userName zz "x"'))
call("GET", "/Users/00000000-0000-7000-8000-000000000000")
call("GET", "/Users?startIndex=1&count=2", token="rst_expired0_NotAKeyAnyMore0000000000")
call("GET", "/Groups?startIndex=1&count=100")
call("GET", "/Users?startIndex=1&count=2")
PY

start_xterm
wait_for "Members 12"
shoot members "王小明@acme.example" "Ολυμπία Παπαδοπούλου" "phone flagged"

keys /
tmux -L "$sock" send-keys -t ui -l "王小明"
keys Enter
wait_for "› 王小明@acme.example"
keys Enter
shoot member-detail "Members › 王小明@acme.example" "Teams (1)" "Recent changes and errors"
keys Escape

keys 2
wait_for "› Design"
keys j
wait_for "› Engineering 工程"
keys Enter
shoot team-detail "Teams › Engineering 工程" "tanaka.hanako@acme.example"
keys Escape

keys 3
wait_for "Requests" "401"
shoot requests "PATCH" "409" "400" "404" "401"

# The newest PATCH (two attributes of jane.doe): move down from the newest row until it is selected.
for _ in $(seq 40); do
    tmux -L "$sock" capture-pane -p -t ui | grep -q "^› .*PATCH" && break
    keys j
    sleep 0.05
done
keys Enter
shoot request-detail "Requests › PATCH" "Okta · update member jane.doe@acme.example"
keys Tab Tab Tab
shoot request-scim "[SCIM]" "PATCH operations" "Doe-Smith"

# A refusal (the second create of jane.doe, newer than the PATCH): the Summary shows its detail in full.
keys Escape
for _ in $(seq 40); do
    tmux -L "$sock" capture-pane -p -t ui | grep -q "^› .* 409 " && break
    keys k
    sleep 0.05
done
keys Enter
shoot request-error "Requests › POST" "409 Conflict" "uniqueness" "Detail"

keys Escape 4
wait_for "okta-prod" "staging" "retiring" "revoked"
for _ in $(seq 10); do
    tmux -L "$sock" capture-pane -p -t ui | grep -q "^› okta-prod .* active" && break
    keys j
    sleep 0.05
done
keys r
shoot keys-rotate "Rotate" "24 hours" "7 days"
keys Escape
keys q
wait_for "y yes"
keys y

# 3. roster demo: the Requests tab while the simulated Okta pushes (a refused phone among them).
start_demo
start_xterm
wait_for "demo: running"
keys 3
shoot demo "demo: running 4/s" "400" "create member"
keys q
wait_for "y yes"
keys y
echo "done: $(ls "$out"/*.png | wc -l) screenshots in Screenshots/"
