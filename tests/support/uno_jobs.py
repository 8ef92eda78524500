"""LibreOffice over UNO: run with a Python that has ``uno`` (Debian: /usr/bin/python3 + python3-uno), not the venv.

    /usr/bin/python3 tests/support/uno_jobs.py SOFFICE PROFILE_DIR JOBS_JSON

Starts one headless soffice with its own profile, then for each job of the JSON list
(``{"action": "accept" | "reject" | "compare", "source": ..., "target": ..., "other": ...}``):
loads ``source``; accepts or rejects all tracked changes, or compares it with ``other`` (the
older document, "Confronta documento"); saves ``target`` in the format of its suffix; prints
one JSON line ``{"action", "before", "after"}`` (tracked changes before and after the action).
Driven by tests/support/libreoffice.py; the standard library and ``uno`` only.
"""

import contextlib
import json
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

FILTERS = {
    ".txt": {"FilterName": "Text (encoded)", "FilterOptions": "UTF8,LF"},
    ".docx": {"FilterName": "MS Word 2007 XML"},
    ".odt": {"FilterName": "writer8"},
    ".pdf": {"FilterName": "writer_pdf_Export"},
}
COMMANDS = {
    "accept": ".uno:AcceptAllTrackedChanges",
    "reject": ".uno:RejectAllTrackedChanges",
    "compare": ".uno:CompareDocuments",
}
START_SECONDS = 120


def props(**values):
    result = []
    for key, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = key, value
        result.append(prop)
    return tuple(result)


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def connect(process, pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            return resolver.resolve("uno:pipe,name=" + pipe + ";urp;StarOffice.ComponentContext")
        except NoConnectException:
            if time.monotonic() > deadline or process.poll() is not None:
                raise
            time.sleep(0.1)


def run(desktop, dispatcher, job):
    document = desktop.loadComponentFromURL(url(job["source"]), "_blank", 0, props(Hidden=True))
    before = document.getRedlines().getCount()
    arguments = props(URL=url(job["other"]), NoAcceptDialog=True) if job["action"] == "compare" else ()
    dispatcher.executeDispatch(document.getCurrentController().getFrame(), COMMANDS[job["action"]], "", 0, arguments)
    after = document.getRedlines().getCount()
    document.storeToURL(url(job["target"]), props(**FILTERS[os.path.splitext(job["target"])[1]]))
    document.close(True)
    print(json.dumps({"action": job["action"], "before": before, "after": after}), flush=True)


def main():
    soffice, profile, jobs = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    pipe = "rodiff" + uuid.uuid4().hex[:12]
    process = subprocess.Popen(
        [soffice, "-env:UserInstallation=" + url(profile), "--headless", "--invisible", "--nologo", "--norestore",
         "--nodefault", "--accept=pipe,name=" + pipe + ";urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        context = connect(process, pipe)
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        for job in jobs:
            run(desktop, dispatcher, job)
        with contextlib.suppress(Exception):  # soffice may close the bridge while answering terminate()
            desktop.terminate()
    finally:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    main()
