#!/usr/bin/env python3
"""Writes the golden vectors of DocumentIds from its written definition.

An implementation apart from the Java one, so that the vectors pin the definition rather
than whatever the Java code happens to do. Run from the repository root:

    python3 schema/tools/document_id_vectors.py
"""
import base64
import datetime
import hashlib
import ipaddress
import json
import pathlib

OUT = pathlib.Path("schema/src/test/resources/io/agent7/schema/document-id-vectors.json")


def component(tag, text):
    return f"{tag}{len(text.encode('utf-8'))}:{text}"


def date(value):
    if isinstance(value, (int, float)):
        moment = datetime.datetime.fromtimestamp(value / 1000, datetime.timezone.utc)
    else:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def canonical(host, type_name, identity, document):
    """identity: list of (field, kind) with kind in s (string), S (case-insensitive string), i, d, b, ip."""
    out = "agent7-id-v1" + component("s", host) + component("s", type_name)
    for field, kind in identity:
        out += component("s", field)
        value = lookup(document, field)
        if value is None:
            out += component("n", "")
        elif kind == "i":
            out += component("i", str(int(value)))
        elif kind == "d":
            out += component("d", date(value))
        elif kind == "b":
            out += component("b", "true" if value else "false")
        elif kind == "ip":
            out += component("s", ipaddress.ip_address(value.split("%")[0]).compressed)
        elif kind == "S":
            out += component("s", value.lower())
        else:
            out += component("s", value)
    return out


def lookup(document, path):
    if path in document:
        return document[path]
    parts = path.split(".")
    for i in range(1, len(parts)):
        head = ".".join(parts[:i])
        if isinstance(document.get(head), dict):
            found = lookup(document[head], ".".join(parts[i:]))
            if found is not None:
                return found
    return None


def doc_id(text):
    return base64.urlsafe_b64encode(hashlib.sha256(text.encode("utf-8")).digest()).rstrip(b"=").decode()


VECTORS = []


def vector(description, host, type_name, document, identity, domain_key=None):
    """domain_key: for a domain type, the field whose value (lower-cased) owns the item instead of the host."""
    owner = host if domain_key is None else "domain:" + lookup(document, domain_key).lower()
    text = canonical(owner, type_name, identity, document)
    VECTORS.append({"description": description, "host_id": host, "type": type_name, "document": document,
                    "canonical": text, "id": doc_id(text)})


H = "4b5c0d8e-0e0a-4a53-9d0e-6f0f1c2d3e4f"
PROCESS = [("process.pid", "i"), ("process.start", "d")]
vector("process identified by pid and start time", H, "process",
       {"process": {"pid": 4242, "start": "2026-11-28T10:15:30.123Z", "name": "java", "command_line": "java -jar app.jar"}}, PROCESS)
vector("non-identity fields do not change the id", H, "process",
       {"process": {"pid": 4242, "start": "2026-11-28T10:15:30.123Z", "name": "renamed", "command_line": "other"}}, PROCESS)
vector("dates in another zone and precision hash as UTC milliseconds", H, "process",
       {"process.pid": 4242, "process.start": "2026-11-28T11:15:30.123456+01:00"}, PROCESS)
vector("epoch milliseconds are a date too", "host-1", "process", {"process": {"pid": 1, "start": 1764324930123}}, PROCESS)
vector("non-ASCII host id is measured in UTF-8 bytes", "hôst-ü", "process",
       {"process": {"pid": 7, "start": "2026-01-01T00:00:00Z"}}, PROCESS)
vector("a whole number written as 7.0 is the number 7", "hôst-ü", "process",
       {"process": {"pid": 7.0, "start": "2026-01-01T00:00:00Z"}}, PROCESS)
SERVICE = [("service.name", "S"), ("process.command_line", "s")]
vector("a Windows service name folds case; its command line does not", H, "service",
       {"service": {"name": "WinDefend", "state": "running"},
        "process": {"command_line": "\"C:\\ProgramData\\Microsoft\\Windows Defender\\platform\\MsMpEng.exe\""}}, SERVICE)
vector("the same service in other case is the same item", H, "service",
       {"service": {"name": "WINDEFEND", "state": "stopped"},
        "process": {"command_line": "\"C:\\ProgramData\\Microsoft\\Windows Defender\\platform\\MsMpEng.exe\""}}, SERVICE)
vector("a service whose binary changes is a new item", H, "service",
       {"service": {"name": "WinDefend"}, "process": {"command_line": "C:\\Users\\Public\\evil.exe"}}, SERVICE)
TASK = [("scheduled_task.path", "S"), ("process.command_line", "s"), ("user.name", "S")]
vector("a scheduled task: path and run-as user fold case", H, "scheduled_task",
       {"scheduled_task": {"path": "\\Microsoft\\Windows\\Update\\Updater", "enabled": True},
        "process": {"command_line": "C:\\Users\\Public\\upd.exe /silent"}, "user": {"name": "SYSTEM"}}, TASK)
vector("a cron entry without a user hashes the missing value", H, "scheduled_task",
       {"scheduled_task": {"path": "/etc/cron.d/backup:3"}, "process": {"command_line": "/usr/local/bin/backup.sh"}}, TASK)
USER = [("user.name", "S"), ("user.id", "s")]
vector("a local user by name and SID", H, "local_user",
       {"user": {"name": "Administrator", "id": "S-1-5-21-1004336348-1177238915-682003330-500", "privileged": True}}, USER)
vector("a Linux user by name and uid", H, "local_user", {"user": {"name": "root", "id": "0"}}, USER)
vector("a registry value path folds case", H, "registry_value",
       {"registry": {"path": "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\OneDrive", "data": {"type": "REG_SZ"}}},
       [("registry.path", "S")])
CONN = [("network.transport", "s"), ("source.ip", "ip"), ("source.port", "i"), ("destination.ip", "ip"),
        ("destination.port", "i"), ("process.pid", "i")]
vector("a connection; IPv6 addresses hash in RFC 5952 form", H, "network_connection",
       {"network": {"transport": "tcp"}, "source": {"ip": "2001:0DB8:0000:0000:0000:0000:0000:0001", "port": 443},
        "destination": {"ip": "2001:db8::ff00:42:8329", "port": 51234}, "process": {"pid": 812}}, CONN)
vector("a listening socket has no remote address", H, "network_connection",
       {"network": {"transport": "tcp"}, "source": {"ip": "0.0.0.0", "port": 22}, "process": {"pid": 600}}, CONN)
vector("a metric sample is identified by when it was taken", H, "system_metric",
       {"system_metric": {"sampled_at": "2026-11-28T12:00:05Z", "cpu": {"pct": 0.25}}}, [("system_metric.sampled_at", "d")])
vector("a domain user is identified by SID within its domain, whichever host collected it", "dc-host", "ad_user",
       {"user": {"name": "svc_sql", "id": "S-1-5-21-3623811015-3361044348-30300820-1013", "domain": "AGENT7"},
        "ad_user": {"domain_dns": "Agent7.TEST"}},
       [("user.id", "s")], "ad_user.domain_dns")
vector("the same domain user collected by another host has the same id", "other-dc-host", "ad_user",
       {"user": {"name": "svc_sql", "id": "S-1-5-21-3623811015-3361044348-30300820-1013", "domain": "AGENT7"},
        "ad_user": {"domain_dns": "agent7.test"}},
       [("user.id", "s")], "ad_user.domain_dns")
vector("a SYSVOL file path folds case", "dc-host", "sysvol_file",
       {"file": {"path": "\\\\agent7.test\\SYSVOL\\agent7.test\\Policies\\{31B2F340-016D-11D2-945F-00C04FB984F9}\\GPT.INI"},
        "sysvol_file": {"domain": "agent7.test", "aces": [{"principal": "AGENT7\\Domain Admins", "type": "allow"}]}},
       [("file.path", "S")], "sysvol_file.domain")

OUT.write_text(json.dumps({
    "description": "Golden vectors for DocumentIds: document -> canonical text -> _id. Written by "
                   "schema/tools/document_id_vectors.py from the definition, apart from the Java code; "
                   "DocumentIdsTest checks them, as they are and after normalisation.",
    "vectors": VECTORS}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"wrote {len(VECTORS)} vectors to {OUT}")
