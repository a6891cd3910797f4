import os

import requests

response = requests.delete(
    'https://www.audioscrape.com/api/notifications/1024',
    headers={
        'Authorization': f'Bearer {os.environ["AUDIOSCRAPE_API_KEY"]}'
    }
)
response.raise_for_status()
print(f'Deleted (HTTP {response.status_code})')
