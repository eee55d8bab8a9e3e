using './clean-v3-external.bicep'

param environment = 'prod'
