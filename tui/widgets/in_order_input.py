"""An Input whose editing keys (ctrl+u, backspace, arrows, enter…) act in the order they were typed.

Textual runs a widget's bindings only once the key has bubbled up to the app, through the queues of every parent
(the search bar, the screen), while printable keys are typed into the box at once. A screen busy with a large
result (6,000 hits, their entities) ran ctrl+u after the letters typed behind it, and it erased them: "title:"
became "le:" or nothing. Here Input's own editing bindings run in the box, as they come.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class InOrderInput(Input):
    """An Input that applies its own editing bindings itself, in the order typed."""

    async def _on_key(self, event: events.Key) -> None:
        # Textual then calls Input's `_on_key` (the MRO's, in turn), unless the default was prevented here
        await self._edit(event)

    async def _edit(self, event: events.Key) -> bool:
        """Run Input's editing binding for this key here; False when it has none. Bindings with an id (the keymap
        may move them) and priority ones (the app ran those first) keep the usual way."""
        for binding in self._bindings.key_to_bindings.get(event.key, []):
            if binding.id is None and not binding.priority:
                event.stop()
                event.prevent_default()
                await self.run_action(binding.action)
                return True
        return False
