"""What a kiosk tells the operator's fleet monitoring: the status report and the Prometheus metrics."""
