"""What the VM scenarios run inside the hwsim VM: radios, access points and
clients (hostapd, wpa_supplicant), the airsight server and its REST API."""
