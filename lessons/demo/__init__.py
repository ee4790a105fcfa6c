"""A starter curriculum for new installations, loaded by `manage.py load_demo_content`.

`curriculum` holds the lessons as plain data, written with the block builders of `spec`;
`media` draws the images and sounds they use; `loader` puts both into the page tree the way an
editor would, leaving alone whatever is already there.
"""
