"""One module per VM test. Each sets RADIOS (hwsim radios to boot with) and
VM_TIMEOUT (seconds the VM may run), defines run(lab) (inside the VM), and
may define HOST_NEEDS (programs) and host_check(run_dir) (on the host,
after the VM passed)."""
