"""nginx as the load balancer of the scale-out layout (stdlib only).

Writes an nginx.conf into the state folder and runs Debian's nginx as an
unprivileged process with its own prefix there (`nginx -p <dir> -c nginx.conf
-g 'daemon off;'`): no root, no system configuration, no port below 1024.
One `server` per front (Rasa, actions, intake), each proxying round robin to
its upstream servers. A dead upstream (connection refused) is skipped and the
request goes to the next one; a request already sent to a server that dies
is not re-sent (POST is not idempotent): the caller gets 502 and, like an
officer, sends again. `X-Signaal-Upstream` names the server that answered.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Dict, List

from stack.processes import Part

NGINX_CANDIDATES = ["nginx", "/usr/sbin/nginx"]


def nginx_binary() -> str:
    for name in NGINX_CANDIDATES:
        found = shutil.which(name) or (name if Path(name).exists() else None)
        if found:
            return found
    raise RuntimeError("nginx ontbreekt / nginx is missing: run scripts/ensure_nginx.sh")


def upstream_block(name: str, ports: List[int]) -> str:
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in ports)
    return f"    upstream {name} {{\n{servers}\n        keepalive 32;\n    }}\n"


def server_block(name: str, listen: int, read_timeout: int) -> str:
    return f"""    server {{
        listen 127.0.0.1:{listen};
        location / {{
            proxy_pass http://{name};
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_connect_timeout 2s;
            proxy_read_timeout {read_timeout}s;
            proxy_next_upstream error timeout http_502;
            proxy_next_upstream_tries 2;
            add_header X-Signaal-Upstream $upstream_addr always;
        }}
    }}
"""


def nginx_conf(fronts: Dict[str, tuple], prefix: Path) -> str:
    """fronts: name -> (listen port, [upstream ports], read timeout s)."""
    blocks = "".join(upstream_block(name, ports) for name, (_, ports, _) in fronts.items())
    blocks += "".join(server_block(name, listen, timeout) for name, (listen, _, timeout) in fronts.items())
    return f"""# Written by stack/nginx.py for the scale-out layout; regenerated on every start.
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    # Bodies (Rasa sends the whole tracker to the action server) and answers stay in memory:
    # started as root, nginx's workers run as nobody and may not reach a private state folder.
    client_max_body_size 8m;
    client_body_buffer_size 8m;
    proxy_buffers 16 64k;
    proxy_max_temp_file_size 0;
{blocks}}}
"""


def write_conf(prefix: Path, fronts: Dict[str, tuple]) -> Path:
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "tmp").mkdir(exist_ok=True)
    (prefix / "tmp").chmod(0o777)  # started as root (CI), nginx's workers run as nobody
    conf = prefix / "nginx.conf"
    conf.write_text(nginx_conf(fronts, prefix), encoding="utf-8")
    return conf


def nginx_part(prefix: Path, fronts: Dict[str, tuple]) -> Part:
    conf = write_conf(prefix, fronts)
    command = [nginx_binary(), "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"]
    where = ", ".join(f"{name} http://127.0.0.1:{listen}" for name, (listen, _, _) in fronts.items())
    return Part("nginx", command, None, where)
