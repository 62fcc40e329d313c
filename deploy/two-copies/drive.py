"""Drives two copies of Assay through their load balancer while one is killed and started
again, then checks what a crash must not do: lose or repeat a run, half-store an upload,
orphan a stored object, break the audit chain or a browser session; and that the lists
each copy serves come, right, from the hot standby. Started by ./run,
which sets up the copies and exports how to reach and kill them."""

import base64
import concurrent.futures
import hashlib
import hmac
import http.client
import http.cookiejar
import json
import os
import re
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

BASE = os.environ["ASSAY_COPIES_BASE"]
WORK = os.environ["ASSAY_COPIES_WORK"]
CRITERIA = [
    ("Biocompatibility", "A biological evaluation to ISO 10993-1 is documented."),
    ("Electrical safety", "The device was tested to IEC 60601-1."),
    ("Labelling", "The labelling names the manufacturer and the model."),
] + [(f"Clause {n}", f"The report addresses clause {n} of the standard.") for n in range(1, 28)]
results = []


def check(name, ok, detail=""):
    ok = bool(ok)
    results.append(ok)
    print(("  passed  " if ok else "  FAILED  ") + name + ("" if ok or not detail else ": " + detail), flush=True)


def call(method, path, token=None, body=None, content_type="application/json", opener=None, timeout=60):
    """Status (None when the connection failed), body bytes and headers."""
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", content_type)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with (opener or urllib.request.build_opener(NoRedirect())).open(request, timeout=timeout) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        try:
            return error.code, error.read(), error.headers
        except (OSError, http.client.HTTPException):
            return error.code, b"", error.headers
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError, http.client.HTTPException):
        # Also an answer cut off mid-body (IncompleteRead): the copy giving it was killed.
        return None, b"", {}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def psql(sql):
    command = "psql -d assay_copies -qAt -v ON_ERROR_STOP=1 -c " + shlex_quote(sql)
    return subprocess.run(["su", "postgres", "-c", command], check=True, capture_output=True, text=True).stdout


def shlex_quote(text):
    return "'" + text.replace("'", "'\"'\"'") + "'"


def pdf(number):
    """A small, valid one-page PDF whose text (and so its hash) is its own."""
    text = (f"Test report {number} of the XY-{number} infusion pump. A biological evaluation to ISO 10993-1"
            f" is documented. The device was tested to IEC 60601-1. Labelling names the manufacturer.")
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) > 70:
            lines.append(line)
            line = ""
        line = (line + " " + word).strip()
    lines.append(line)
    stream = "BT /F1 11 Tf 56 780 Td 14 TL " + " ".join(f"({l}) Tj T*" for l in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for index, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{index} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def upload(token, bucket, name, content):
    boundary = "assay-copies-" + uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"bucket_id\"\r\n\r\n{bucket}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            f"Content-Type: application/pdf\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return call("POST", "/v1/documents", token, body, "multipart/form-data; boundary=" + boundary)


def download(document, token):
    """A document through the load balancer. An error answer (a 5xx; before 308eb71 a copy
    that failed to read a document's first bytes answered with the document's length and
    an error for a body, which HAProxy refused as 502, state PH) is asked again once more
    than the first and reported with its HAProxy line and the copies' log lines of its
    request id; a broken object gives the same wrong bytes every time."""
    status, body, headers = call("GET", f"/v1/documents/{document}", token)
    for _ in range(3):
        if status is not None and status < 500:
            break
        request_id = headers.get("X-Request-Id") if headers else None
        print(f"    (document {document}: {status} through the load balancer, request id {request_id};"
              f" asked again)", flush=True)
        log_lines = [entry for entry in open(os.path.join(WORK, "haproxy.log"), errors="replace")
                     if document in entry]
        print("".join(f"      haproxy: {entry}" for entry in log_lines[-3:]), end="", flush=True)
        if request_id:
            for name in ("copy-a", "copy-b"):
                lines = open(os.path.join(WORK, name + ".log"), errors="replace").read().splitlines()
                for at, line in enumerate(lines):
                    if request_id in line:
                        print("".join(f"      {name}: {entry}\n" for entry in lines[at:at + 4]), end="", flush=True)
        time.sleep(1)
        status, body, headers = call("GET", f"/v1/documents/{document}", token)
    return status, body


def documents_whole(token, organization):
    """Whether every document of the organisation comes back through the load balancer
    with its SHA-256; prints those that do not."""
    whole = True
    for line in psql(f"select id, encode(sha256, 'hex') from documents"
                     f" where organization_id = '{organization}'").split():
        document, sha256 = line.split("|")
        status, body = download(document, token)
        if status != 200 or hashlib.sha256(body).hexdigest() != sha256:
            whole = False
            print(f"    document {document}: {status}, {len(body)} bytes", flush=True)
    return whole


def rotate_storage_key(token, organization):
    """The storage key rotated as the README says: both copies restarted in turn with a
    new key and the old one as previous; each reseals what the old key sealed and says when
    the old key can go; then restarted with the new key alone, which opens everything."""
    old = os.environ["storage_key"]
    new = base64.b64encode(os.urandom(32)).decode()
    subprocess.run(["bash", "-c", f"restart_with_keys '{new}' '{old}'"], check=True)
    check("documents are read while the copies rotate the storage key", documents_whole(token, organization))
    done, deadline = False, time.time() + 180
    while not done and time.time() < deadline:
        done = any("Every stored object is sealed with the current storage key" in open(
            os.path.join(WORK, name + ".log"), errors="replace").read() for name in ("copy-a", "copy-b"))
        time.sleep(1)
    objects = os.path.join(WORK, "s3", "assay-documents", organization)
    key_id = hmac.new(base64.b64decode(new), b"assay storage key id", hashlib.sha256).digest()[:8]
    stale = [name for name in os.listdir(objects)
             if open(os.path.join(objects, name), "rb").read(12) != b"ASY2" + key_id]
    check(f"a copy resealed every stored object with the new key ({len(os.listdir(objects))} objects)",
          done and not stale, f"done: {done}; still under another key: {stale[:5]}")
    subprocess.run(["bash", "-c", f"restart_with_keys '{new}' ''"], check=True)
    check("the new key alone opens every document afterwards", documents_whole(token, organization))


def listed_by(port, token):
    """The ids of the runs one copy lists, asked directly rather than through HAProxy."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/assessments?limit=100")
    request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as response:
        return {item["id"] for item in json.loads(response.read())["items"]}


def replica_reads(port):
    """How many reads the standby served for one copy, from its Prometheus metrics."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/actuator/prometheus")
    request.add_header("Authorization", "Bearer " + os.environ["ASSAY_COPIES_METRICS_TOKEN"])
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
    found = re.search(r'^assay_database_replica_reads_total\{[^}]*outcome="replica"[^}]*\} (\S+)$', text, re.M)
    return float(found.group(1)) if found else 0.0


def retried(action, attempts=20):
    """Set-up calls made before the kill: a copy still starting may refuse one."""
    for _ in range(attempts):
        status, body, headers = action()
        if status is not None and status < 500:
            return status, body, headers
        time.sleep(1)
    return status, body, headers


def browser_session(email, password):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    status, page, _ = retried(lambda: call("GET", "/login", opener=opener))
    csrf = re.search(rb'name="_csrf" value="([^"]+)"', page).group(1).decode()
    form = urllib.parse.urlencode({"_csrf": csrf, "email": email, "password": password}).encode()
    status, _, headers = call("POST", "/login", body=form, content_type="application/x-www-form-urlencoded",
                              opener=opener)
    return opener, status == 302 and headers.get("Location", "").endswith("/app")


def main():
    email, password = f"admin-{uuid.uuid4().hex[:8]}@example.org", "quartz lantern meadow 42"
    status, body, _ = retried(lambda: call("POST", "/v1/signup", body={
        "organization_name": "Two copies body", "email": email, "password": password, "name": "Admin"}))
    assert status == 201, (status, body)
    signed_up = json.loads(body)
    token, organization = signed_up["access_token"], signed_up["organization"]["id"]
    status, body, _ = retried(lambda: call("POST", "/v1/workflows", token, {
        "name": "Two copies", "buckets": [{"name": "Documents"}],
        "criteria": [{"name": n, "description": d} for n, d in CRITERIA]}))
    assert status == 201, (status, body)
    workflow = json.loads(body)
    bucket = workflow["buckets"][0]["id"]

    # The documents the runs are made of, uploaded before anything is killed.
    for_runs = []
    for number in range(20):
        status, body, _ = retried(lambda: upload(token, bucket, f"run-{number}.pdf", pdf(1000 + number)))
        assert status == 201, (status, body)
        for_runs.append(json.loads(body)["id"])

    opener, signed_in = browser_session(email, password)
    check("a browser signs in through the load balancer", signed_in)
    pages, stop_pages = [], threading.Event()

    def keep_browsing():
        while not stop_pages.is_set():
            status, _, headers = call("GET", "/submissions", opener=opener)
            pages.append((status, headers.get("Location") if headers else None))
            time.sleep(0.2)

    # A daemon: should the driver fail, it must not keep the process (and CI) waiting.
    browsing = threading.Thread(target=keep_browsing, daemon=True)
    browsing.start()

    files = {number: pdf(number) for number in range(50)}
    hashes = {hashlib.sha256(content).hexdigest(): number for number, content in files.items()}
    uploads, starts, killed_runs = {}, {}, []

    def upload_one(number):
        time.sleep(number * 0.3)
        uploads[number] = upload(token, bucket, f"upload-{number}.pdf", files[number])

    def start_one(index):
        time.sleep(index * 0.1)
        starts[index] = call("POST", "/v1/assessments", token, {
            "workflow_id": workflow["id"], "documents": [{"bucket_id": bucket, "document_id": for_runs[index]}]})

    # The kill: copy A dies with SIGKILL while it runs assessments, and comes back.
    def kill_and_restart():
        copy_a = open(os.path.join(WORK, "copy-a.pid")).read().strip()
        deadline = time.time() + 30
        while time.time() < deadline and not killed_runs:
            killed_runs.extend(psql("select task_instance from scheduled_tasks where picked"
                                    f" and picked_by like '%/{copy_a}'").split())
            if not killed_runs:
                time.sleep(0.02)
        subprocess.run(["bash", "-c", "kill_copy_a"], check=True)
        print(f"  (copy A killed with SIGKILL while running {len(killed_runs)} assessments)", flush=True)
        time.sleep(2)
        subprocess.run(["bash", "-c", "restart_copy_a"], check=True)
        print("  (copy A started again and ready)", flush=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=40) as pool:
        killer = pool.submit(kill_and_restart)
        work = [pool.submit(start_one, index) for index in range(20)]
        work += [pool.submit(upload_one, number) for number in range(50)]
        for done in work + [killer]:
            done.result()

    # Every run the database holds ends; none is left behind by the dead copy.
    deadline = time.time() + 300
    while time.time() < deadline:
        open_runs = int(psql(f"select count(*) from assessments where organization_id = '{organization}'"
                             " and status not in ('completed', 'failed', 'cancelled', 'incomplete')"))
        if open_runs == 0:
            break
        time.sleep(2)
    stop_pages.set()
    browsing.join()

    accepted = [json.loads(body)["id"] for status, body, _ in starts.values() if status == 202]
    runs = psql(f"select id, status from assessments where organization_id = '{organization}'").split()
    statuses = dict(line.split("|") for line in runs)
    print(f"  {len(accepted)} of 20 starts accepted, {len(statuses)} runs in the database; "
          f"{sum(1 for s, _, _ in uploads.values() if s == 201)} of 50 uploads stored", flush=True)
    check("every accepted start is a run", all(run in statuses for run in accepted))
    check("the killed copy held running assessments, and they were finished elsewhere",
          bool(killed_runs) and all(statuses.get(run) == "completed" for run in killed_runs),
          "none was running when the copy was killed" if not killed_runs else json.dumps(killed_runs))
    check("every run completed", all(status == "completed" for status in statuses.values()),
          json.dumps(statuses))
    duplicated = psql(f"select count(*) from (select assessment_id, criteria_id from assessment_results r"
                      f" join assessments a on a.id = r.assessment_id where a.organization_id = '{organization}'"
                      f" group by 1, 2 having count(*) > 1) d")
    check("no criterion has two results in a run", int(duplicated) == 0, duplicated)
    counts = psql(f"select a.id, count(r.id) from assessments a left join assessment_results r"
                  f" on r.assessment_id = a.id where a.organization_id = '{organization}' group by a.id").split()
    check("every run has one result per criterion",
          all(int(line.split("|")[1]) == len(CRITERIA) for line in counts), " ".join(counts))
    ended = psql(f"select resource_id, count(*) from audit_logs where organization_id = '{organization}'"
                 f" and action = 'assessment_completed' group by resource_id").split()
    ended_once = {line.split("|")[0]: int(line.split("|")[1]) for line in ended}
    check("every run completed exactly once (one audit entry each)",
          set(ended_once) == set(statuses) and all(count == 1 for count in ended_once.values()),
          json.dumps(ended_once))

    # Uploads: each is whole (its bytes come back) or absent; none is half-stored.
    stored = [json.loads(body)["id"] for status, body, _ in uploads.values() if status == 201]
    documents = psql(f"select id, encode(sha256, 'hex'), storage_key from documents"
                     f" where organization_id = '{organization}'").split()
    whole = True
    for line in documents:
        document, sha256, _ = line.split("|")
        status, body = download(document, token)
        if status != 200 or hashlib.sha256(body).hexdigest() != sha256:
            whole = False
            print(f"    document {document}: {status}, {len(body)} bytes: {body[:120]!r}", flush=True)
            # Still a failure; asked of each copy directly, to tell a broken object from a
            # broken answer on the way through the load balancer.
            for port in (18081, 18082):
                direct = urllib.request.Request(f"http://127.0.0.1:{port}/v1/documents/{document}")
                direct.add_header("Authorization", "Bearer " + token)
                try:
                    with urllib.request.urlopen(direct, timeout=60) as answer:
                        content = answer.read()
                        print(f"      copy on {port}: {answer.status}, {len(content)} bytes, SHA-256 "
                              f"{'matches' if hashlib.sha256(content).hexdigest() == sha256 else 'differs'}",
                              flush=True)
                except urllib.error.HTTPError as error:
                    print(f"      copy on {port}: {error.code}", flush=True)
                except (urllib.error.URLError, OSError) as error:
                    print(f"      copy on {port}: no answer ({error})", flush=True)
    check("every stored upload is whole: its bytes come back with its SHA-256", whole)
    known = {line.split("|")[0] for line in documents}
    check("every upload answered 201 is stored", all(document in known for document in stored))
    upload_hashes = {line.split("|")[1] for line in documents} - {
        hashlib.sha256(pdf(1000 + n)).hexdigest() for n in range(20)}
    check("every other upload stored is one that was sent", upload_hashes <= set(hashes))

    # Stored objects: each belongs to a document or to a write the sweeper will finish.
    keys = set(psql("select storage_key from documents union select storage_key from pending_store_writes"
                    " union select organization_id || '/' || encode(sha256, 'hex') || '-layout'"
                    " from document_layouts").split())
    bucket_dir = os.path.join(WORK, "s3", "assay-documents")
    objects = {os.path.relpath(os.path.join(folder, name), bucket_dir)
               for folder, _, names in os.walk(bucket_dir) for name in names}
    orphans = objects - keys
    check("no stored object is orphaned", not orphans, " ".join(sorted(orphans)[:5]))
    check("every document's object is in the store",
          {line.split("|")[2] for line in documents} <= objects)

    status, body, _ = call("GET", "/v1/audit-logs/verify", token)
    verification = json.loads(body) if status == 200 else {}
    check("the audit chain verifies", verification.get("valid") is True, str(body[:300]))

    # Lists come from the standby (ASSAY_DATABASE_REPLICA_URL) and are right: each copy,
    # asked directly, lists every run the primary holds, and counts reads the standby served.
    for port, name in ((18081, "A"), (18082, "B")):
        listed, deadline = set(), time.time() + 60
        while time.time() < deadline and listed != set(statuses):
            listed = listed_by(port, token)
            time.sleep(0.5)
        served = replica_reads(port)
        check(f"copy {name} lists every run, read from the standby ({served:.0f} reads there)",
              listed == set(statuses) and served > 0,
              f"{len(listed)} of {len(statuses)} runs listed, {served:.0f} reads from the standby")

    rotate_storage_key(token, organization)

    lost = [page for page in pages if page[0] != 200]
    check(f"the browser session kept working across copies ({len(pages)} pages)", pages and not lost,
          str(lost[:5]))
    ready = all(subprocess.run(["curl", "-fs", f"http://127.0.0.1:{port}/actuator/health/readiness"],
                               capture_output=True).returncode == 0 for port in (18081, 18082))
    check("both copies are ready at the end", ready)

    failed = results.count(False)
    print(f"Two copies: {len(results) - failed} passed, {failed} failed", flush=True)
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    try:
        main()
    except Exception:  # the run ends with its count, whatever broke
        import traceback
        traceback.print_exc()
        check("the driver ran to its end", False)
        failed = results.count(False)
        print(f"Two copies: {len(results) - failed} passed, {failed} failed", flush=True)
        raise SystemExit(1)
