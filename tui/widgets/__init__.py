"""The widgets of the main screen: search bar, result list, reader (with legend and body styling), events and
entities panels. One widget per module."""
