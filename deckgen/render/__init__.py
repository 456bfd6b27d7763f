"""The renderer: the only code that imports python-pptx. It turns a composed deck into a .pptx."""
