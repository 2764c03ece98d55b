"""The date and time filters every template uses (a built-in: no {% load %} needed).

``{{ d|day }}`` Jan 5, 2027 · ``{{ t|when }}`` Jan 5, 2027, 2:30 PM · ``{{ t|clock }}`` 2:30 PM ·
``{{ d|month }}`` Jan 2027 · ``{{ amount|money }}`` $12,345 · ``{{ note|quoted }}`` “Their words.”  (plpg.formats)
"""

from django import template

from plpg import formats

register = template.Library()

register.filter("day", formats.day, expects_localtime=True)
register.filter("when", formats.when, expects_localtime=True)
register.filter("clock", formats.clock, expects_localtime=True)
register.filter("month", formats.month, expects_localtime=True)
register.filter("quoted", formats.quoted)
register.filter("money", formats.money)
