"""The core: pure functions from the rules and the answers to a result (engine) and to the path through the questionnaire (flow). No web, no storage."""
