// XSGPlot: figures of probe series — axes, ticks, SVG and terminal renderers.
// It knows nothing of the language or the core: it draws named series of (step, value) points.
