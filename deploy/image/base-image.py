"""Builds the container image Assay's image is laid on, from this machine's JDK, when no
registry can be reached: a Java runtime made by jlink (only the modules Assay uses), the
shared libraries it needs (found with ldd), a shell, the C++ runtime for the embedded
PostgreSQL and the libraries ONNX Runtime loads, a non-root user, /tmp and /data. Written as a
`docker save` archive that Jib reads as `tar://`.

    python3 deploy/image/base-image.py JAVA_HOME OUTPUT.tar
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

MODULES = ("java.se,jdk.unsupported,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.management,jdk.management.agent,"
           "jdk.net,jdk.zipfs,jdk.naming.dns,jdk.httpserver,jdk.jfr,jdk.localedata,jdk.charsets")
RUNTIME = "/opt/java"

# What else the image runs: a shell (initdb starts the server through one), the C++
# runtime the embedded PostgreSQL's binaries load, and the libraries ONNX Runtime's
# (semantic ranking) loads besides those and the C library (`ldd libonnxruntime.so`).
SHELL = "/bin/dash"
EXTRA_LIBRARIES = ("/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libgcc_s.so.1",
                   "/lib/x86_64-linux-gnu/libdl.so.2", "/lib/x86_64-linux-gnu/librt.so.1",
                   "/lib/x86_64-linux-gnu/libpthread.so.0", "/lib/x86_64-linux-gnu/libm.so.6")


def shared_libraries(paths, runtime):
    """The libraries the given executables and libraries load (but the runtime's own), by
    their paths on this machine."""
    found = {"/lib64/ld-linux-x86-64.so.2"}
    for path in paths:
        listed = subprocess.run(["ldd", path], capture_output=True, text=True).stdout
        for line in listed.splitlines():
            parts = line.split("=>")
            if len(parts) == 2 and parts[1].strip().startswith("/"):
                library = parts[1].split("(")[0].strip()
                if not library.startswith(runtime):
                    found.add(library)
    return sorted(found)


def add_file(layer, source, name, mode=None):
    info = layer.gettarinfo(os.path.realpath(source), arcname=name.lstrip("/"))
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    info.mtime = 0
    if mode is not None:
        info.mode = mode
    with open(os.path.realpath(source), "rb") as content:
        layer.addfile(info, content)


def add_text(layer, name, text, mode=0o644):
    data = text.encode()
    info = tarfile.TarInfo(name.lstrip("/"))
    info.size, info.mode, info.mtime = len(data), mode, 0
    layer.addfile(info, io.BytesIO(data))


def add_directory(layer, name, mode=0o755):
    info = tarfile.TarInfo(name.lstrip("/"))
    info.type, info.mode, info.mtime = tarfile.DIRTYPE, mode, 0
    layer.addfile(info)


def main(java_home, output):
    work = tempfile.mkdtemp(prefix="assay-base-image-")
    try:
        runtime = os.path.join(work, "runtime")
        subprocess.run([os.path.join(java_home, "bin", "jlink"), "--add-modules", MODULES, "--strip-debug",
                        "--no-man-pages", "--no-header-files",
                        # The JDK's own class archive, which the application's (made by its
                        # first start) builds on.
                        "--generate-cds-archive", "--output", runtime], check=True)
        binaries = [os.path.join(folder, name) for folder, _, names in os.walk(runtime) for name in names
                    if name.endswith(".so") or folder.endswith("/bin")]
        layer_path = os.path.join(work, "layer.tar")
        with tarfile.open(layer_path, "w", format=tarfile.PAX_FORMAT) as layer:
            for directory in ("/etc", "/tmp", "/lib64", "/lib", "/lib/x86_64-linux-gnu", "/opt", "/data", "/app"):
                add_directory(layer, directory, 0o1777 if directory in ("/tmp", "/data") else 0o755)
            add_text(layer, "/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\nassay:x:1000:1000:Assay:/data:/sbin/nologin\n")
            add_text(layer, "/etc/group", "root:x:0:\nassay:x:1000:\n")
            add_text(layer, "/etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n")
            add_directory(layer, "/bin")
            add_file(layer, SHELL, "/bin/sh", 0o755)
            for library in sorted(set(shared_libraries(binaries + [SHELL, *EXTRA_LIBRARIES], runtime))
                                  | set(EXTRA_LIBRARIES)):
                add_file(layer, library, library)
            for folder, directories, names in os.walk(runtime):
                relative = os.path.relpath(folder, runtime)
                target = RUNTIME if relative == "." else os.path.join(RUNTIME, relative)
                add_directory(layer, target)
                for name in names:
                    add_file(layer, os.path.join(folder, name), os.path.join(target, name))
        with open(layer_path, "rb") as layer:
            diff_id = hashlib.sha256(layer.read()).hexdigest()
        config = {
            "architecture": "amd64", "os": "linux",
            "config": {"Env": [f"PATH={RUNTIME}/bin:/usr/bin:/bin", f"JAVA_HOME={RUNTIME}"], "User": "1000"},
            "rootfs": {"type": "layers", "diff_ids": ["sha256:" + diff_id]},
        }
        config_data = json.dumps(config).encode()
        config_name = hashlib.sha256(config_data).hexdigest() + ".json"
        manifest = [{"Config": config_name, "RepoTags": ["assay-base:local"], "Layers": [diff_id + "/layer.tar"]}]
        with tarfile.open(output, "w") as image:
            image.add(layer_path, arcname=diff_id + "/layer.tar")
            add_text(image, config_name, config_data.decode())
            add_text(image, "manifest.json", json.dumps(manifest))
        print(f"{output}: {os.path.getsize(output) // (1024 * 1024)} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
