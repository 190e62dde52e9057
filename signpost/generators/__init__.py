"""One module per kind of output; importing this package registers them all.

Each module decorates its functions with
:func:`signpost.render.registry.generator` or
:func:`signpost.render.registry.record_generator`. The modules never import
each other; :mod:`signpost.build.outputs` runs them in order.
"""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
