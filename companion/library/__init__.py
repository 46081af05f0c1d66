"""The knowledge library: the programme's handbook (the knowledge cards) for people, not only for the
composer — browse, search, read a card, and see which of one's agendas drew on it."""
