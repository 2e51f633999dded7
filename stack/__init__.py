"""Start, watch and stop Signaal's processes on one machine (`make run`, benches, tests).

Stdlib only, so every module runs on either Python:
- `processes`: a part (one process group, one log) and the stack that starts and stops them;
- `layout`: which parts, on which ports, with which environment;
- `endpoints`: Rasa's endpoints.yml from the environment (tracker and lock store switches);
- `model_key`: the trained model's file name, keyed by a hash of what training reads;
- `run`: `make run`.
"""
