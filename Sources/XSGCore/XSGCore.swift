// XSGCore: the native SGD engine for two-layer ReLU networks on hypercube data.
// It knows nothing of the xsg language; the runtime turns declarations into its configurations.
