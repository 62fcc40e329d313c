"""Keeps one LibreOffice running and lays Word documents out into PDFs with it.

Started by Assay (WordLayout) on the same leash as LibreOffice itself (no network, an
address-space limit): starts the office as its own child with the profile and pipe name
it is given, then reads one request per line from standard input, "<docx>\t<pdf>", and
answers each with one line: "ok", or "failed <why>" when the document could not be laid
out. It answers "ready" once the office takes requests. It ends when the office goes away,
and when standard input closes (Assay stopped), killing the office first; on a time-out
Assay kills the whole tree.
"""
import ctypes
import os
import signal
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    value_holder = PropertyValue()
    value_holder.Name = name
    value_holder.Value = value
    return value_holder


def connect(office, pipe):
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    while True:
        try:
            context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except Exception:
            if office.poll() is not None:
                sys.exit("LibreOffice ended before it took requests")
            time.sleep(0.1)


def lay_out(desktop, docx, pdf):
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(docx), "_blank", 0, (
        prop("Hidden", True), prop("ReadOnly", True), prop("MacroExecutionMode", 0),
        prop("UpdateDocMode", 0)))
    if document is None:
        raise RuntimeError("LibreOffice could not open the document")
    try:
        document.storeToURL(uno.systemPathToFileUrl(pdf), (prop("FilterName", "writer_pdf_Export"),))
    finally:
        document.close(True)


def die_with_bridge():
    """In the office's process before it starts: killed when the bridge ends, however."""
    ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL


def main():
    command, profile, pipe = sys.argv[1:4]
    office = subprocess.Popen([command, "-env:UserInstallation=" + profile, "--headless", "--invisible",
                               "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                               "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              preexec_fn=die_with_bridge, start_new_session=True)
    desktop = connect(office, pipe)
    print("ready", flush=True)
    for line in sys.stdin:
        try:
            # A request that is not two paths is answered like any other failure, so that
            # every request still gets exactly one answer.
            docx, pdf = line.rstrip("\n").split("\t")
            lay_out(desktop, docx, pdf)
            print("ok", flush=True)
        except Exception as failure:
            if office.poll() is not None:
                sys.exit("LibreOffice ended")
            print("failed " + " ".join(str(failure).split()), flush=True)
    # Assay went away (its end of standard input closed): the office and everything it
    # started go too.
    os.killpg(office.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
