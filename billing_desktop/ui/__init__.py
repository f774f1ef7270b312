"""The Qt GUI: widgets, models and dialogs over the services. The only package that imports PySide6."""
