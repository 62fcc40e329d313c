"""What deploy/image/build does to the image archive Jib wrote (a `docker save` archive):

    python3 deploy/image/image_tar.py unpack IMAGE.tar ROOT
        lays the image's layers into the folder ROOT, in order, and writes its user,
        entrypoint (one argument a line) and environment next to them as ROOT/.image-user,
        ROOT/.image-entrypoint and ROOT/.image-env

    python3 deploy/image/image_tar.py add-prepared IMAGE.tar CACHE POSTGRES
        adds what a training start prepared, in a layer of its own on top: the class cache
        CACHE as /app/assay.aot, which the entrypoint's JVM then starts from
        (-XX:AOTCache), and the embedded PostgreSQL's unpacked binaries, the folder
        POSTGRES (PG-<digest of their archive>), in /opt/embedded-postgres, where the
        embedded database then finds them instead of unpacking them into /tmp again
"""

import gzip
import hashlib
import io
import json
import os
import sys
import tarfile
import tempfile

CACHE_PATH = "/app/assay.aot"
POSTGRES_PATH = "/opt/embedded-postgres"


def unpack(image_path, root):
    with tarfile.open(image_path) as image:
        manifest = json.load(image.extractfile("manifest.json"))[0]
        config = json.load(image.extractfile(manifest["Config"]))
        for name in manifest["Layers"]:
            layer = tarfile.open(fileobj=image.extractfile(name))
            # Our own image: kept as it is (/tmp and /data 1777). Pythons before the
            # extraction filters (3.11.4) keep it so without being asked.
            if hasattr(tarfile, "fully_trusted_filter"):
                layer.extractall(root, filter="fully_trusted")
            else:
                layer.extractall(root)
    for name, value in (("user", config["config"].get("User", "0")),
                        ("entrypoint", "\n".join(config["config"]["Entrypoint"])),
                        ("env", "\n".join(config["config"].get("Env", [])))):
        with open(os.path.join(root, ".image-" + name), "w") as out:
            out.write(value + "\n")


def owned_by_root(info):
    """Root's, readable by everyone and dated 0 (the same files give the same layer); the
    unpacking lock the embedded database leaves behind is not taken."""
    if os.path.basename(info.name).endswith(".lck"):
        return None
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    info.mode = (info.mode & 0o755) | 0o444 | (0o111 if info.isdir() or info.mode & 0o100 else 0)
    info.mtime = 0
    return info


def prepared_layer(cache, postgres):
    """The layer holding the cache and the binaries, gzip-compressed, and the digest of its
    uncompressed tar."""
    uncompressed = io.BytesIO()
    with tarfile.open(fileobj=uncompressed, mode="w", format=tarfile.PAX_FORMAT) as layer:
        layer.add(cache, arcname=CACHE_PATH.lstrip("/"), filter=owned_by_root)
        layer.add(os.path.dirname(postgres.rstrip("/")), arcname=POSTGRES_PATH.lstrip("/"), recursive=False,
                  filter=owned_by_root)
        layer.add(postgres, arcname=POSTGRES_PATH.lstrip("/") + "/" + os.path.basename(postgres.rstrip("/")),
                  filter=owned_by_root)
    data = uncompressed.getvalue()
    # mtime 0: the same cache gives the same layer.
    compressed = gzip.compress(data, compresslevel=6, mtime=0)
    return compressed, hashlib.sha256(data).hexdigest()


def add_prepared(image_path, cache, postgres):
    compressed, diff_id = prepared_layer(cache, postgres)
    layer_name = hashlib.sha256(compressed).hexdigest() + ".tar.gz"
    folder = os.path.dirname(os.path.abspath(image_path))
    with tarfile.open(image_path) as image, \
            tempfile.NamedTemporaryFile(dir=folder, suffix=".tar", delete=False) as written:
        manifest = json.load(image.extractfile("manifest.json"))
        config_name = manifest[0]["Config"]
        config = json.load(image.extractfile(config_name))
        entrypoint = config["config"]["Entrypoint"]
        if any(argument.startswith("-XX:AOTCache") for argument in entrypoint):
            sys.exit(f"{image_path} already starts from a class cache")
        # Right after `java`: before the class path and the main class.
        entrypoint[1:1] = ["-XX:AOTCache=" + CACHE_PATH, "-Dot.epg.working-dir=" + POSTGRES_PATH]
        config["rootfs"]["diff_ids"].append("sha256:" + diff_id)
        config.setdefault("history", []).append({"created": "1970-01-01T00:00:00Z", "created_by": "deploy/image/build",
                                                 "comment": "a training start's class cache and unpacked PostgreSQL"})
        manifest[0]["Layers"].append(layer_name)
        with tarfile.open(fileobj=written, mode="w") as rewritten:
            for member in image.getmembers():
                if member.name not in ("manifest.json", config_name):
                    rewritten.addfile(member, image.extractfile(member))
            for name, content in ((layer_name, compressed), (config_name, json.dumps(config).encode()),
                                  ("manifest.json", json.dumps(manifest).encode())):
                info = tarfile.TarInfo(name)
                info.size, info.mode = len(content), 0o644
                rewritten.addfile(info, io.BytesIO(content))
    os.replace(written.name, image_path)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "unpack":
        unpack(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "add-prepared":
        add_prepared(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
