"""Photo uploads of an album: one row per file with a progress bar or the reason it failed."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop.albums.api import ProgressCallback
from desktop.api import ApiError
from desktop.errors import error_text
from desktop.tasks import TaskSupervisor
from shared.photos import PhotoOut

log = logging.getLogger("autoclub.desktop")

PARALLEL_UPLOADS = 2
"""Files sent at the same time; the server processes two photos at once by default."""

Uploader = Callable[[str, bytes, ProgressCallback], Awaitable[PhotoOut]]
"""Sends (file name, bytes, progress callback) and returns the new photo."""


class UploadRow(QWidget):
    """One file: its name, a progress bar while it uploads, then an error or nothing."""

    dismissed = Signal(object)

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("uploadRow")
        self.path = path
        self.name_label = QLabel(path.name)
        self.name_label.setMinimumWidth(120)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.close_button = QPushButton(self.tr("Dismiss"))
        self.close_button.setObjectName("link")
        self.close_button.clicked.connect(self._dismiss)
        self.close_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.name_label)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.error_label, 1)
        layout.addWidget(self.close_button)
        self.state = "waiting"
        """``waiting``, ``uploading``, ``done`` or ``failed``."""

    def set_progress(self, sent: int, total: int) -> None:
        self.state = "uploading"
        self.progress.setValue(100 if total <= 0 else sent * 100 // total)

    def set_processing(self) -> None:
        """Show that the file is sent and the server is making its variants."""
        self.progress.setValue(100)
        self.progress.setFormat(self.tr("Processing…"))

    def set_failed(self, reason: str) -> None:
        self.state = "failed"
        self.progress.hide()
        self.error_label.setText(self.tr("%1: %2").replace("%1", self.path.name).replace("%2", reason))
        self.error_label.show()
        self.name_label.hide()
        self.close_button.show()

    def set_done(self) -> None:
        self.state = "done"
        self.progress.setValue(100)
        self.progress.setFormat(self.tr("Uploaded"))

    def _dismiss(self) -> None:
        self.dismissed.emit(self)


class UploadPanel(QWidget):
    """The uploads of one album; finished rows go away, failed rows stay until dismissed.

    Signals:
        photoUploaded(PhotoOut): a file was uploaded and processed.
        allFinished(): no file is waiting or uploading any more.
    """

    photoUploaded = Signal(object)
    allFinished = Signal()

    def __init__(self, upload: Uploader, supervisor: TaskSupervisor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._upload = upload
        self._supervisor = supervisor
        self._slots = asyncio.Semaphore(PARALLEL_UPLOADS)
        self._running = 0
        self.rows: list[UploadRow] = []
        self.rows_layout = QVBoxLayout(self)
        self.rows_layout.setContentsMargins(12, 4, 12, 4)
        self.rows_layout.setSpacing(2)
        self.setVisible(False)

    @property
    def running(self) -> int:
        return self._running

    def add_files(self, paths: list[Path]) -> list[UploadRow]:
        """Start uploading ``paths``, at most ``PARALLEL_UPLOADS`` at a time; return their rows."""
        added = []
        for path in paths:
            row = UploadRow(path)
            row.dismissed.connect(self._remove_row)
            self.rows.append(row)
            self.rows_layout.addWidget(row)
            added.append(row)
            self._running += 1
            self._supervisor.spawn(self._run(row), name=f"upload {path.name}")
        self.setVisible(bool(self.rows))
        return added

    async def _run(self, row: UploadRow) -> None:
        try:
            async with self._slots:
                await self._upload_row(row)
        finally:
            self._running -= 1
            if self._running == 0:
                self.allFinished.emit()

    async def _upload_row(self, row: UploadRow) -> None:
        try:
            data = await asyncio.to_thread(row.path.read_bytes)
        except OSError as error:
            log.warning("Could not read %s for upload: %s", row.path, error)
            row.set_failed(
                self.tr("Could not read the file (%1).").replace("%1", error.strerror or str(error))
            )
            return

        def progress(sent: int, total: int) -> None:
            row.set_progress(sent, total)
            if sent >= total:
                row.set_processing()

        try:
            photo = await self._upload(row.path.name, data, progress)
        except ApiError as error:
            row.set_failed(error_text(error.code))
            return
        row.set_done()
        self.photoUploaded.emit(photo)
        self._remove_row(row)

    def _remove_row(self, row: UploadRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
            self.rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.setVisible(bool(self.rows))

    def failed_rows(self) -> list[UploadRow]:
        return [row for row in self.rows if row.state == "failed"]


def is_upload_candidate(path: Path) -> bool:
    """Return whether a dropped path is a file; the server decides whether it is an image."""
    return path.is_file()
