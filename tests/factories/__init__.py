"""factory_boy factories, one module per app; import them from here."""

from tests.factories.core import *  # noqa: F403
from tests.factories.engagements import *  # noqa: F403
from tests.factories.interviews import *  # noqa: F403
from tests.factories.partners import *  # noqa: F403
