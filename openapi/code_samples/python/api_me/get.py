import json
import os

import requests

response = requests.get(
    'https://www.audioscrape.com/api/me',
    headers={
        'Authorization': f'Bearer {os.environ["AUDIOSCRAPE_API_KEY"]}'
    }
)
response.raise_for_status()
account = response.json()
print(json.dumps(account, indent=2))
